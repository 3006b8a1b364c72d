// The only thing ever shown of a key after it is typed. Apart from the vault,
// so what shows hints (the simulator's stats) does not load libsodium.
export function keyHint(apiKey: string): string {
  return `…${apiKey.slice(-4)}`;
}
