/** What a command reads and writes besides files: its output streams, its folder, its terminal and its environment. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}
