;;; eglot-quickfix.el --- headless Emacs + eglot as a real client of `iulint lsp --stdio'  -*- lexical-binding: t -*-
;; usage: emacs --batch -Q -l eglot-quickfix.el
;; env: IULINT_BIN, IULINT_ROOT, IULINT_FILE (relative), IULINT_RULE, IULINT_TIMEOUT_S
;; Opens the file, waits for iulint's diagnostics (printed with their LSP code and 0-based range),
;; applies the preferred quick fix for IULINT_RULE through eglot, and waits until that diagnostic is gone.
(require 'package)
(setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa")) ; what Debian's site-start adds (-Q skips it)
(package-initialize)
(require 'eglot)
(require 'json)
(require 'nxml-mode)

(defun iulint--code (diag)
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag)))))
    (and lsp (plist-get lsp :code))))

(defun iulint--pos (pos)
  (save-excursion (goto-char pos) (list (1- (line-number-at-pos)) (current-column))))

(defun iulint--diags ()
  (mapcar (lambda (d)
            (let ((b (iulint--pos (flymake-diagnostic-beg d))) (e (iulint--pos (flymake-diagnostic-end d))))
              `((code . ,(iulint--code d)) (line . ,(car b)) (character . ,(cadr b))
                (endLine . ,(car e)) (endCharacter . ,(cadr e)) (type . ,(format "%s" (flymake-diagnostic-type d))))))
          (flymake-diagnostics)))

(defun iulint--wait (pred timeout)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let* ((bin (getenv "IULINT_BIN"))
       (root (file-name-as-directory (getenv "IULINT_ROOT")))
       (file (expand-file-name (getenv "IULINT_FILE") root))
       (rule (getenv "IULINT_RULE"))
       (timeout (string-to-number (or (getenv "IULINT_TIMEOUT_S") "15")))
       (eglot-sync-connect t)
       (buf (find-file-noselect file))
       (has-rule (lambda () (cl-some (lambda (d) (equal (iulint--code d) rule)) (flymake-diagnostics))))
       result)
  (switch-to-buffer buf)                 ; flymake only starts for displayed buffers
  (nxml-mode)
  (eglot '(nxml-mode) `(transient . ,root) 'eglot-lsp-server (list "node" bin "lsp" "--stdio") "xml")
  (flymake-start)                        ; batch: no command loop for the deferred start
  (iulint--wait has-rule timeout)
  (let* ((before (iulint--diags))
         (diag (cl-find-if (lambda (d) (equal (iulint--code d) rule)) (flymake-diagnostics)))
         (beg (and diag (flymake-diagnostic-beg diag)))
         (line-before (and beg (save-excursion (goto-char beg) (buffer-substring (line-beginning-position) (line-end-position)))))
         (actions (and diag (eglot-code-actions beg (flymake-diagnostic-end diag) "quickfix")))
         (fix (cl-find-if (lambda (a) (plist-get a :isPreferred)) actions)))
    (when fix
      (eglot--apply-workspace-edit (plist-get fix :edit))
      (flymake-start))
    ;; Batch mode has no idle timers: send the change now, and ask flymake again while waiting.
    (let* ((gone (and fix (iulint--wait (lambda ()
                                          (eglot--signal-textDocument/didChange)
                                          (accept-process-output nil 0.1)
                                          (flymake-start)
                                          (accept-process-output nil 0.1)
                                          (not (funcall has-rule)))
                                        timeout)))
           (line-after (and beg (save-excursion (goto-char beg) (buffer-substring (line-beginning-position) (line-end-position))))))
      (setq result `((ok . ,(if gone t :json-false))
                     (client . ,(format "emacs %s + eglot %s" emacs-version
                                        (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))))
                     (before . ,(vconcat before))
                     (title . ,(and fix (plist-get fix :title)))
                     (lineBefore . ,line-before)
                     (lineAfter . ,line-after)))))
  (princ (concat (json-encode result) "\n"))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if (eq (alist-get 'ok result) t) 0 1)))
