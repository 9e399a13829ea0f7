// Small PDFs made on the fly (no fixtures in the repository), a byte-tampered copy of one, and
// the text of a PDF.
import { execFileSync } from "node:child_process";

// A valid one-page PDF 1.4 with one line of text; offsets in the xref table are exact.
export function makePdf(text = "Sen test document") {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 18 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

// A copy of a signed PDF with one byte changed inside the signed range: in the binary comment
// that writers put on the second line ("%PDF-1.x\n%\xe2\xe3..."), so the file still parses and
// only the digest stops matching. Falls back to a byte in the first third of the file.
export function tamper(pdf) {
  const copy = Buffer.from(pdf);
  const headerEnd = copy.indexOf(0x0a);
  const at = headerEnd > 0 && copy[headerEnd + 1] === 0x25 && copy[headerEnd + 2] >= 0x80 ? headerEnd + 2 : Math.floor(copy.length / 3);
  copy[at] ^= 0x01;
  return copy;
}

// The text of a PDF, as poppler's pdftotext reads it.
export function pdfText(pdf) {
  return execFileSync("pdftotext", ["-", "-"], { input: Buffer.from(pdf) }).toString();
}
