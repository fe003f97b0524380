/** "45 s" under a minute, else whole minutes rounded up ("3 min"). */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
