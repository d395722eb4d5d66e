;;; eglot-root.el --- headless Emacs + eglot, rooted by eglot itself  -*- lexical-binding: t -*-
;; usage: emacs --batch -Q -l eglot-root.el
;; env: IULINT_BIN, IULINT_ROOT (a project without .git), IULINT_FILE (relative), IULINT_RULE, IULINT_TIMEOUT_S
;; Configures eglot as docs/editors.md says (eglot-server-programs), opens the file and starts eglot as
;; M-x eglot does (eglot--guess-contact: with no version control, eglot roots the workspace at the
;; file's own folder); waits for a diagnostic of IULINT_RULE and prints the root eglot chose and the
;; file's diagnostics as JSON.
(require 'package)
(setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa")) ; what Debian's site-start adds (-Q skips it)
(package-initialize)
(require 'eglot)
(require 'json)
(require 'nxml-mode)

(defun iulint--code (diag)
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag)))))
    (and lsp (plist-get lsp :code))))

(defun iulint--line (pos) (save-excursion (goto-char pos) (1- (line-number-at-pos))))

(defun iulint--wait (pred timeout)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let* ((bin (getenv "IULINT_BIN"))
       (root (file-name-as-directory (getenv "IULINT_ROOT")))
       (file (expand-file-name (getenv "IULINT_FILE") root))
       (rule (getenv "IULINT_RULE"))
       (timeout (string-to-number (or (getenv "IULINT_TIMEOUT_S") "20")))
       (eglot-sync-connect t)
       result)
  ;; docs/editors.md's set-up, with node running this checkout's bundle instead of the global `iulint'.
  (add-to-list 'eglot-server-programs `((nxml-mode js-mode sh-mode) . ("node" ,bin "lsp" "--stdio")))
  (let ((buf (find-file-noselect file)))
    (switch-to-buffer buf)               ; flymake only starts for displayed buffers
    (apply #'eglot (eglot--guess-contact))
    (flymake-start)
    (iulint--wait (lambda () (cl-some (lambda (d) (equal (iulint--code d) rule)) (flymake-diagnostics))) timeout)
    (setq result
          `((ok . ,(if (cl-some (lambda (d) (equal (iulint--code d) rule)) (flymake-diagnostics)) t :json-false))
            (client . ,(format "emacs %s + eglot %s" emacs-version
                               (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))))
            (eglotRoot . ,(expand-file-name (project-root (eglot--project (eglot-current-server)))))
            (diagnostics . ,(vconcat (mapcar (lambda (d) `((code . ,(iulint--code d)) (line . ,(iulint--line (flymake-diagnostic-beg d)))))
                                             (flymake-diagnostics)))))))
  (princ (concat (json-encode result) "\n"))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if (eq (alist-get 'ok result) t) 0 1)))
