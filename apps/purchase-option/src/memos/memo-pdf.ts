import PDFDocument from 'pdfkit';
import { MemoSection } from './decision-memo';

const MARGIN = 50;

/** The memo as an A4 PDF (pdfkit's built-in Helvetica; text only, so it prints and extracts cleanly). */
export function memoPdf(title: string, sections: MemoSection[], generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Creator: 'rackeval purchase-option', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc.moveDown(0.5);
  for (const section of sections) {
    doc.font('Helvetica-Bold').fontSize(12).text(section.title);
    doc.moveDown(0.2);
    doc.font('Helvetica').fontSize(9);
    for (const line of section.lines ?? []) doc.text(line, { width });
    for (const [label, value] of section.rows ?? []) {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true, width }).font('Helvetica').text(value, { width });
    }
    if (section.table) table(doc, section.table, width);
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}

function table(doc: PDFKit.PDFDocument, { headers, rows }: { headers: string[]; rows: string[][] }, width: number): void {
  const columnWidth = width / headers.length;
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
    const top = doc.y;
    let bottom = top;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    cells.forEach((cell, index) => {
      doc.text(cell, MARGIN + index * columnWidth, top, { width: columnWidth - 4 });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = MARGIN;
    doc.y = bottom + 2;
  };
  line(headers, true);
  for (const row of rows) line(row, false);
  if (!rows.length) doc.font('Helvetica').fontSize(8).text('none');
}
