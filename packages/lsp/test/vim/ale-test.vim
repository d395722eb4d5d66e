" Vim + ALE as a real client of iulint (sourced after ./vimrc): opens $IULINT_FILE, waits until ALE's
" loclist holds iulint's diagnostics, asks ALE for the code actions with the cursor on the $IULINT_RULE
" diagnostic's line but not on its value, applies the one titled $IULINT_FIX as ALE's menu does, waits until
" that diagnostic is gone, writes the file; then opens each of $IULINT_OTHERS and waits for its diagnostics. Writes JSON
" { ok, client, filetype, before, title, titles, cursor, after, others } to $IULINT_OUT.
let s:timeout = str2nr(empty($IULINT_TIMEOUT_MS) ? '20000' : $IULINT_TIMEOUT_MS)

function! s:Finish(result) abort
  call writefile([json_encode(a:result)], $IULINT_OUT)
  qall!
endfunction

function! s:Iulint() abort
  return map(filter(copy(ale#engine#GetLoclist(bufnr(''))), 'v:val.linter_name is# "iulint"'),
  \ '{"code": get(v:val, "code", ""), "type": v:val.type, "lnum": v:val.lnum, "col": v:val.col,
  \   "end_lnum": get(v:val, "end_lnum", 0), "end_col": get(v:val, "end_col", 0), "text": v:val.text}')
endfunction

function! s:Has(rule) abort
  return !empty(filter(s:Iulint(), 'v:val.code is# a:rule'))
endfunction

" Waits, letting Vim run ALE's jobs and timers, until Cond() holds or the time is up.
function! s:Wait(Cond) abort
  let l:start = reltime()
  while !a:Cond() && reltimefloat(reltime(l:start)) * 1000 < s:timeout
    sleep 50m
  endwhile
  return a:Cond() ? v:true : v:false
endfunction

let s:client = printf('vim %d.%d + ale %s', v:version / 100, v:version % 100, ale#Has('ale-3.3.0') ? '3.3+' : '<3.3')
execute 'edit' fnameescape($IULINT_FILE)
" The first diagnostics may come from the text alone, before the project is indexed: wait for as many
" as the CLI finds ($IULINT_FILE_COUNT).
if !s:Wait({-> s:Has($IULINT_RULE) && len(s:Iulint()) >= str2nr($IULINT_FILE_COUNT)})
  call s:Finish({'ok': v:false, 'error': 'no ' . $IULINT_RULE . ' diagnostic from iulint', 'filetype': &filetype,
  \ 'loclist': ale#engine#GetLoclist(bufnr(''))})
endif
" A little longer, so that a late or extra diagnostic would show.
sleep 500m
let s:before = s:Iulint()
let s:target = filter(copy(s:before), 'v:val.code is# $IULINT_RULE')[0]
" The cursor on the finding's line but not on the flagged value: inside the element's name, as a user
" puts it anywhere on the line (ALE then sends the word under the cursor as the range, and no diagnostic).
call cursor(s:target.lnum, 1)
normal! ^2l
let s:cursor = getpos('.')[1:2]

let s:menu = v:null
function! s:OnActions(data, items) abort
  let s:menu = {'data': a:data, 'items': a:items}
endfunction
call ale#codefix#Execute(0, function('s:OnActions'))
if !s:Wait({-> s:menu isnot v:null})
  call s:Finish({'ok': v:false, 'error': 'no code actions', 'before': s:before})
endif
let s:chosen = filter(copy(s:menu.items), 'v:val[1].title is# $IULINT_FIX')
if empty(s:chosen)
  call s:Finish({'ok': v:false, 'error': 'no action ' . $IULINT_FIX, 'before': s:before,
  \ 'titles': map(copy(s:menu.items), 'v:val[1].title')})
endif
call ale#codefix#ApplyLSPCodeAction(s:menu.data, s:chosen[0][1])
" Ex mode has no TextChanged of its own: send the one ALE lints on after an edit.
doautocmd <nomodeline> TextChanged
let s:gone = s:Wait({-> !s:Has($IULINT_RULE)})
let s:result = {'ok': s:gone, 'client': s:client, 'filetype': &filetype, 'title': s:chosen[0][1].title,
\ 'titles': map(copy(s:menu.items), 'v:val[1].title'), 'cursor': s:cursor, 'before': s:before, 'after': s:Iulint()}
write

" The other files ($IULINT_OTHERS: "path|count" lines): each opened, its diagnostics once it has as many as the CLI.
let s:result.others = []
for s:entry in split($IULINT_OTHERS, "\n")
  let [s:path, s:count] = split(s:entry, '|')
  execute 'edit' fnameescape(s:path)
  let s:got = s:Wait({-> len(s:Iulint()) >= str2nr(s:count)})
  sleep 500m
  let s:result.ok = s:result.ok && s:got ? v:true : v:false
  call add(s:result.others, {'path': s:path, 'filetype': &filetype, 'diagnostics': s:Iulint()})
endfor
call s:Finish(s:result)
