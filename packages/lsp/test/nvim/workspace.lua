-- Headless Neovim (0.7+): the project-wide list. Opens one file (IULINT_FILE, relative to IULINT_ROOT),
-- attaches the server, and waits until diagnostics have arrived for IULINT_EXPECTED_FILES files (most
-- never opened: Neovim keeps them on buffers of their own); then fills the quickfix list from every
-- buffer's diagnostics (vim.diagnostic.setqflist, what a user runs) and prints it as JSON.
local bin = assert(os.getenv('IULINT_BIN'), 'IULINT_BIN')
local root = assert(os.getenv('IULINT_ROOT'), 'IULINT_ROOT')
local file = assert(os.getenv('IULINT_FILE'), 'IULINT_FILE')
local expected_files = tonumber((assert(os.getenv('IULINT_EXPECTED_FILES'), 'IULINT_EXPECTED_FILES')))
local timeout = tonumber(os.getenv('IULINT_TIMEOUT_MS') or '30000')

local function finish(code, obj)
  io.stdout:write(vim.fn.json_encode(obj) .. '\n')
  vim.cmd(code == 0 and 'qall!' or (code .. 'cquit!'))
end

local client_id = vim.lsp.start_client({ name = 'iulint', cmd = { 'node', bin, 'lsp', '--stdio' }, root_dir = root })
if not client_id then return finish(2, { ok = false, error = 'start_client failed' }) end
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
vim.lsp.buf_attach_client(vim.api.nvim_get_current_buf(), client_id)

local function files()
  local seen, n = {}, 0
  for _, d in ipairs(vim.diagnostic.get()) do
    if not seen[d.bufnr] then seen[d.bufnr] = true; n = n + 1 end
  end
  return n
end
local got = vim.wait(timeout, function() return files() >= expected_files end, 50)
vim.wait(500, function() return false end, 50)

vim.diagnostic.setqflist({ open = false })
local items = {}
for _, q in ipairs(vim.fn.getqflist()) do
  table.insert(items, { file = vim.api.nvim_buf_get_name(q.bufnr), lnum = q.lnum, col = q.col, text = q.text, type = q.type })
end
local client = vim.lsp.get_client_by_id(client_id)
if client then client.stop() end
finish(got and 0 or 1, { ok = got, files = files(), quickfix = items })
