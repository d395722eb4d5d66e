-- Headless Neovim applies iulint's quick fix for a diagnostic, through its own LSP client:
-- opens IULINT_FILE, waits for a diagnostic of rule IULINT_RULE, asks for code actions there, applies
-- the first quick fix with vim.lsp.util.apply_workspace_edit, and waits until that diagnostic is gone.
-- Prints JSON { ok, before, after, line } and exits with 0 when the fix worked.
local bin = assert(os.getenv('IULINT_BIN'))
local root = assert(os.getenv('IULINT_ROOT'))
local file = assert(os.getenv('IULINT_FILE'))
local rule = assert(os.getenv('IULINT_RULE'))
local timeout = tonumber(os.getenv('IULINT_TIMEOUT_MS') or '15000')

local function finish(code, obj)
  io.stdout:write(vim.fn.json_encode(obj) .. '\n')
  vim.cmd(code == 0 and 'qall!' or (code .. 'cquit!'))
end
local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return d.code or lsp.code
end
local function find(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == rule then return d end
  end
end

local client_id = vim.lsp.start_client({ name = 'iulint', cmd = { 'node', bin, 'lsp', '--stdio' }, root_dir = root })
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(timeout, function() return find(bufnr) ~= nil end, 50) then
  return finish(1, { ok = false, error = 'no ' .. rule .. ' diagnostic' })
end
local d = find(bufnr)
local before = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
-- Neovim 0.7 keeps only code and codeDescription of the LSP diagnostic: rebuild the rest.
local lsp_diag = {
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  code = rule, message = d.message, severity = d.severity, source = d.source,
}
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout) or {}
local action
for _, r in pairs(responses) do
  for _, a in ipairs(r.result or {}) do
    if not action and a.edit and a.isPreferred then action = a end
  end
end
if not action then return finish(1, { ok = false, error = 'no preferred quick fix', before = before }) end
vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
local gone = vim.wait(timeout, function() return find(bufnr) == nil end, 50)
local after = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
local client = vim.lsp.get_client_by_id(client_id)
if client then client.stop() end
finish(gone and 0 or 1, { ok = gone, title = action.title, before = before, after = after, line = d.lnum })
