;;; lsp-mode.el --- headless Emacs + lsp-mode (Debian's elpa-lsp-mode) as a client of iulint  -*- lexical-binding: t -*-
;; usage: emacs --batch -Q -l lsp-mode.el
;; env: IULINT_BIN, IULINT_ROOT, IULINT_FILE (relative), IULINT_EXPECTED_FILES, IULINT_TIMEOUT_S, HOME (a scratch one)
;; Registers iulint as docs/editors.md says, opens one file, waits until lsp-mode's project-wide store
;; (`lsp-diagnostics', what its error lists show) holds diagnostics for IULINT_EXPECTED_FILES files, and
;; prints them with the *Warnings* buffer as JSON. In batch mode `display-warning' also writes to stderr.
(require 'package)
(setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'json)
(require 'nxml-mode)
(setq lsp-session-file (expand-file-name "lsp-session" (getenv "HOME"))
      lsp-auto-guess-root nil
      lsp-enable-snippet nil
      lsp-keep-workspace-alive nil)
(require 'lsp-mode)

(let* ((bin (getenv "IULINT_BIN"))
       (root (file-name-as-directory (getenv "IULINT_ROOT")))
       (file (expand-file-name (getenv "IULINT_FILE") root))
       (expected (string-to-number (getenv "IULINT_EXPECTED_FILES")))
       (timeout (string-to-number (or (getenv "IULINT_TIMEOUT_S") "30")))
       result)
  ;; docs/editors.md's registration, with node running this checkout's bundle.
  (add-to-list 'lsp-language-id-configuration '(nxml-mode . "xml"))
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection `("node" ,bin "lsp" "--stdio"))
                    :activation-fn (lsp-activate-on "xml")
                    :add-on? t
                    :server-id 'iulint))
  ;; The project is a known workspace folder (lsp-mode asks for it the first time otherwise).
  (lsp-workspace-folders-add root)
  (let ((buf (find-file-noselect file)))
    (switch-to-buffer buf)
    (lsp)
    (let ((deadline (+ (float-time) timeout)))
      (while (and (< (hash-table-count (lsp-diagnostics)) expected) (< (float-time) deadline))
        (accept-process-output nil 0.05)))
    ;; A little longer: a late warning would show.
    (let ((deadline (+ (float-time) 1))) (while (< (float-time) deadline) (accept-process-output nil 0.05)))
    (let (files)
      (maphash (lambda (path diags)
                 (push `((file . ,path)
                         (diagnostics . ,(vconcat (mapcar (lambda (d)
                                                            `((code . ,(lsp-get d :code))
                                                              (line . ,(lsp-get (lsp-get (lsp-get d :range) :start) :line))
                                                              (message . ,(lsp-get d :message))))
                                                          diags))))
                       files))
               (lsp-diagnostics))
      (setq result `((ok . ,(if (>= (hash-table-count (lsp-diagnostics)) expected) t :json-false))
                     (client . ,(format "emacs %s + lsp-mode %s" emacs-version
                                        (package-version-join (package-desc-version (cadr (assq 'lsp-mode package-alist))))))
                     (files . ,(vconcat files))
                     (warnings . ,(with-current-buffer (get-buffer-create "*Warnings*") (buffer-string)))))))
    (princ (concat (json-encode result) "\n"))
    (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
    (kill-emacs (if (eq (alist-get 'ok result) t) 0 1))))
