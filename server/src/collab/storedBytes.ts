/** Lean reads give a BSON Binary or a Buffer depending on the driver: both become plain bytes. */
export function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  const binary = data as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (binary.buffer instanceof Uint8Array) return binary.buffer;
  throw new Error('Unexpected stored update format');
}
