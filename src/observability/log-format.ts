// Which log format a process writes: LOG_FORMAT when set, else pretty for a person at a terminal and JSON lines
// for everything else (a pipe, a file, a container's log collector), which machines read.
export type LogFormat = 'pretty' | 'json';

export function logFormatFor(setting: LogFormat | undefined, stdoutIsTerminal: boolean | undefined): LogFormat {
  return setting ?? (stdoutIsTerminal ? 'pretty' : 'json');
}
