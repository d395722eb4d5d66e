-- Headless Neovim (0.7+) as a real LSP client of `iulint lsp --stdio`.
-- Opens the files named in IULINT_FILES (newline-separated, relative to IULINT_ROOT), attaches the
-- server to each buffer, waits until IULINT_EXPECTED_COUNT diagnostics have arrived (and a little
-- longer, so extra ones would show), then prints every diagnostic as JSON on stdout and quits.
local bin = assert(os.getenv('IULINT_BIN'), 'IULINT_BIN')
local root = assert(os.getenv('IULINT_ROOT'), 'IULINT_ROOT')
local files = vim.split(assert(os.getenv('IULINT_FILES'), 'IULINT_FILES'), '\n', { trimempty = true })
local expected = tonumber(os.getenv('IULINT_EXPECTED_COUNT') or '0')
local timeout = tonumber(os.getenv('IULINT_TIMEOUT_MS') or '15000')

local function finish(code, obj)
  io.stdout:write(vim.fn.json_encode(obj) .. '\n')
  vim.cmd(code == 0 and 'qall!' or (code .. 'cquit!'))
end

local client_id = vim.lsp.start_client({
  name = 'iulint',
  cmd = { 'node', bin, 'lsp', '--stdio' },
  root_dir = root,
})
if not client_id then return finish(2, { ok = false, error = 'start_client failed' }) end

local buffers = {}
for _, rel in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. rel))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  buffers[rel] = bufnr
end

local function count()
  local n = 0
  for _, bufnr in pairs(buffers) do n = n + #vim.diagnostic.get(bufnr) end
  return n
end
local got = vim.wait(timeout, function() return count() >= expected end, 50)
vim.wait(500, function() return false end, 50)

local diags = {}
for rel, bufnr in pairs(buffers) do
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diags, {
      file = rel, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source or lsp.source, code = d.code or lsp.code, message = d.message,
    })
  end
end
local v = vim.version()
local client = vim.lsp.get_client_by_id(client_id)
if client then client.stop() end
finish(got and 0 or 1, { ok = got, client = string.format('neovim %d.%d.%d', v.major, v.minor, v.patch), diagnostics = diags })
