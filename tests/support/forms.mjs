// A valid form for a procedure's JSON Schema, so tests follow the pack instead of copying field names.
export function validForm(schema) {
  const form = {};
  for (const name of schema.required ?? []) form[name] = validValue(schema.properties?.[name] ?? {}, name);
  return form;
}

export function validValue(s, name = '') {
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object') return validForm(s);
  if (type === 'array') {
    const n = Math.max(s.minItems ?? 0, 1);
    return Array.from({ length: n }, () => validValue(s.items ?? { type: 'string' }));
  }
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (type === 'boolean') return true;
  if (s.format === 'date') return '2026-11-20';
  if (s.format === 'email') return 'an.nguyen@example.vn';
  if (s.format === 'vn-id-number') return '001099012345';
  if (s.pattern) return fromPattern(s.pattern);
  let text = `Giá trị ${name}`.trim();
  if (s.maxLength !== undefined) text = text.slice(0, s.maxLength);
  while (s.minLength !== undefined && [...text].length < s.minLength) text += 'a';
  return text;
}

// Enough for the patterns the pack uses: literal characters, [0-9] / \d and [A-Z] with {n} or {n,m}.
function fromPattern(pattern) {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const token = /(\[0-9\]|\\d|\[A-Z\]|[A-Za-z0-9])(?:\{(\d+)(?:,\d+)?\})?/gy;
  let out = '';
  let m;
  while (token.lastIndex < body.length && (m = token.exec(body))) {
    const unit = m[1] === '[0-9]' || m[1] === '\\d' ? '1' : m[1] === '[A-Z]' ? 'B' : m[1];
    out += unit.repeat(m[2] ? Number(m[2]) : 1);
  }
  if (token.lastIndex !== body.length) throw new Error(`validForm: cannot satisfy pattern ${pattern}`);
  return out;
}

// The smallest well-formed PDF, for uploads.
export function tinyPdf(label = 'test') {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}
