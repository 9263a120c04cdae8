/**
 * The keys a JSON text names twice in one object, as dotted paths (`errors.file_closed`). JSON.parse keeps
 * the last value silently, so a duplicate can only be seen while reading the text: this reads it, tracking
 * the keys of each object. Assumes valid JSON (parse it too for syntax errors).
 */
export function duplicateJsonKeys(text: string): string[] {
  const duplicates: string[] = [];
  let at = 0;
  const skipSpace = () => {
    while (/\s/.test(text[at] ?? '')) at += 1;
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const first = text[at];
    if (first === '{') readObject(path);
    else if (first === '[') readArray(path);
    else if (first === '"') readString();
    else while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at += 1;
  };
  const readObject = (path: string): void => {
    const keys = new Set<string>();
    at += 1;
    for (skipSpace(); text[at] !== '}'; skipSpace()) {
      if (text[at] === ',') at += 1;
      skipSpace();
      const key = readString();
      const keyPath = path ? `${path}.${key}` : key;
      if (keys.has(key)) duplicates.push(keyPath);
      keys.add(key);
      skipSpace();
      at += 1; // the colon
      readValue(keyPath);
    }
    at += 1;
  };
  const readArray = (path: string): void => {
    at += 1;
    for (let index = 0; skipSpace(), text[at] !== ']'; index += 1) {
      if (text[at] === ',') at += 1;
      readValue(`${path}[${index}]`);
    }
    at += 1;
  };
  readValue('');
  return duplicates;
}
