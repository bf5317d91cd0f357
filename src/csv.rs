//! CSV (RFC 4180): a writer that quotes only when needed and a streaming
//! reader for imports (the `csv` crate).

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{Read, Write};

use crate::error::{Error, Result};

/// Writes records, CRLF-terminated.
pub struct CsvWriter<W: Write> {
    out: W,
}

/// A field is quoted when it holds a quote, a line break, or a delimiter a
/// spreadsheet may split on: `,`, and `;` or a tab (the delimiters it
/// assumes in locales whose decimal separator is a comma).
fn needs_quotes(field: &str) -> bool {
    field
        .bytes()
        .any(|b| matches!(b, b',' | b';' | b'\t' | b'"' | b'\r' | b'\n'))
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> Self {
        CsvWriter { out }
    }

    pub fn write_record<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<()> {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            let f = f.as_ref();
            if needs_quotes(f) {
                self.out.write_all(b"\"")?;
                self.out.write_all(f.replace('"', "\"\"").as_bytes())?;
                self.out.write_all(b"\"")?;
            } else {
                self.out.write_all(f.as_bytes())?;
            }
        }
        self.out.write_all(b"\r\n")?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Whether a spreadsheet would take `field` for a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or CR, and is not just a number (`-12.50`
/// stays as it is; `-2+3`, `+44 20 7946 0991` and `@SUM(A1)` do not).
fn reads_as_formula(field: &str) -> bool {
    match field.chars().next() {
        Some('=' | '@' | '+' | '\t' | '\r') => true,
        Some('-') => !is_plain_number(&field[1..]),
        _ => false,
    }
}

/// Digits, optionally a point with digits on both sides.
fn is_plain_number(text: &str) -> bool {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(frac)
}

/// Characters where a spreadsheet may start a new cell, whatever
/// delimiter it splits on (`,`, `;` in French and German locales, tab) and
/// wherever it ignores the quotes (a quote in the middle of a `;` cell).
fn is_cell_break(c: char) -> bool {
    matches!(c, ',' | ';' | '\t' | '\n' | '\r')
}

/// Whether a cell a spreadsheet may see starting with `rest` (the whole
/// text when `first`, else what follows a cell break) reads as a formula.
fn guard_at(rest: &str, first: bool) -> bool {
    if first {
        return reads_as_formula(rest.trim_start_matches(' '));
    }
    let cell = rest.split(is_cell_break).next().unwrap_or("");
    reads_as_formula(cell.trim_start_matches(' '))
}

/// Byte offsets where a spreadsheet may start a cell within `text`.
fn cell_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        text.char_indices()
            .filter(|&(_, c)| is_cell_break(c))
            .map(|(i, c)| i + c.len_utf8()),
    )
}

/// Free text (a name, a note) made safe to open in a spreadsheet: wherever
/// a spreadsheet could see a cell start — the beginning, or after a `,`,
/// `;`, tab or line break inside the text — text that would be read as a
/// formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`) gets a leading apostrophe,
/// so it shows as text and never runs.
pub fn spreadsheet_text(field: &str) -> Cow<'_, str> {
    let at: Vec<usize> = cell_starts(field)
        .filter(|&i| guard_at(&field[i..], i == 0))
        .collect();
    if at.is_empty() {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + at.len());
    let mut from = 0;
    for i in at {
        out.push_str(&field[from..i]);
        out.push('\'');
        from = i;
    }
    out.push_str(&field[from..]);
    Cow::Owned(out)
}

/// The inverse for imports: drops the apostrophes [`spreadsheet_text`]
/// adds, so an exported file reads back as it was written.
pub fn from_spreadsheet_text(field: &str) -> Cow<'_, str> {
    let drop: Vec<usize> = cell_starts(field)
        .filter(|&i| field[i..].starts_with('\'') && guard_at(&field[i + 1..], i == 0))
        .collect();
    if drop.is_empty() {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len());
    let mut from = 0;
    for i in drop {
        out.push_str(&field[from..i]);
        from = i + 1;
    }
    out.push_str(&field[from..]);
    Cow::Owned(out)
}

/// One record and its number (the header is record 1, as in a spreadsheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub row: usize,
    pub fields: Vec<String>,
}

fn malformed(row: usize, message: &str) -> Error {
    Error::invalid(format!("row {row}"), message.to_string())
}

/// Counts the quote bytes read, by offset: a record whose bytes hold an odd
/// number of quotes has one not closed (or one inside an unquoted field),
/// which the `csv` crate, lenient like a spreadsheet, reads without a word.
struct QuoteCount<R> {
    inner: R,
    read: u64,
    /// Offsets of quotes not yet counted into `before`.
    pending: VecDeque<u64>,
    before: u64,
}

impl<R: Read> Read for QuoteCount<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, &b)| b == b'"') {
            self.pending.push_back(self.read + i as u64);
        }
        self.read += n as u64;
        Ok(n)
    }
}

impl<R> QuoteCount<R> {
    /// Quotes before byte `offset` (offsets only grow between calls).
    fn before(&mut self, offset: u64) -> u64 {
        while self.pending.front().is_some_and(|&at| at < offset) {
            self.pending.pop_front();
            self.before += 1;
        }
        self.before
    }
}

/// Records read one at a time from a CSV stream (RFC 4180 by the `csv`
/// crate: quoted fields, doubled quotes, embedded newlines and delimiters,
/// CRLF or LF, a leading UTF-8 BOM; blank lines skipped). Only the record
/// being read is in memory. A quote left open is an error on its row.
pub struct Records<R: Read> {
    reader: csv::Reader<QuoteCount<R>>,
    record: csv::StringRecord,
    row: usize,
    done: bool,
}

/// Reads CSV records from `input` as they come.
pub fn records<R: Read>(input: R) -> Records<R> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(QuoteCount {
            inner: input,
            read: 0,
            pending: VecDeque::new(),
            before: 0,
        });
    Records {
        reader,
        record: csv::StringRecord::new(),
        row: 0,
        done: false,
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if self.done {
            return None;
        }
        let row = self.row + 1;
        let failed = |done: &mut bool, message: &str| {
            *done = true;
            Some(Err(malformed(row, message)))
        };
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let end = self.reader.position().byte();
                if self.reader.get_mut().before(end) % 2 == 1 {
                    return failed(
                        &mut self.done,
                        "a quote is not closed (or stands inside an unquoted field)",
                    );
                }
                self.row = row;
                let mut fields: Vec<String> = self.record.iter().map(String::from).collect();
                if row == 1 {
                    if let Some(first) = fields.first_mut() {
                        if let Some(rest) = first.strip_prefix('\u{feff}') {
                            *first = rest.to_string();
                        }
                    }
                }
                Some(Ok(Record { row, fields }))
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { .. } => failed(&mut self.done, "is not UTF-8 text"),
                csv::ErrorKind::Io(io) => {
                    self.done = true;
                    Some(Err(Error::Io(io.to_string())))
                }
                _ => failed(&mut self.done, &e.to_string()),
            },
        }
    }
}

/// Parses a whole CSV text (tests and small inputs; imports stream with
/// [`records`]).
pub fn parse(text: &str) -> Result<Vec<Record>> {
    records(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(rows: &[&[&str]]) -> String {
        let mut w = CsvWriter::new(Vec::new());
        for r in rows {
            w.write_record(r).expect("write");
        }
        String::from_utf8(w.into_inner()).expect("utf8")
    }

    #[test]
    fn formula_like_text_is_written_as_text_and_reads_back_unchanged() {
        let cases = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|x", "'-2+3+cmd|x"),
            ("\t=1", "'\t'=1"),
            ("+44 (0)20 7946 0991", "'+44 (0)20 7946 0991"),
            ("-2+3", "'-2+3"),
            ("-", "'-"),
            ("-1.", "'-1."),
            ("x;=cmd|' /C calc'!A0", "x;'=cmd|' /C calc'!A0"),
            ("a, -2+3\n@x", "a,' -2+3\n'@x"),
            ("10,-5", "10,-5"),
            ("-12.50", "-12.50"),
            ("Ada = great", "Ada = great"),
            ("'quoted'", "'quoted'"),
            ("", ""),
        ];
        for (text, safe) in cases {
            assert_eq!(spreadsheet_text(text), safe, "{text:?}");
            assert_eq!(from_spreadsheet_text(safe), text, "{safe:?}");
        }
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let text = written(&[&["a", "b,c", "say \"hi\"", "two\nlines", "", " x "]]);
        assert_eq!(text, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",, x \r\n");
        let text = written(&[&["1;2", "a\tb", "12.50"]]);
        assert_eq!(text, "\"1;2\",\"a\tb\",12.50\r\n");
    }

    #[test]
    fn round_trips_tricky_fields() {
        let rows: &[&[&str]] = &[
            &["name", "note"],
            &["O'Brien, Pat", "\"quoted\"\r\nand CRLF"],
            &["", ","],
            &["Zoë ✓", "\"\""],
        ];
        let parsed = parse(&written(rows)).expect("parse");
        let back: Vec<Vec<&str>> = parsed
            .iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect();
        let want: Vec<Vec<&str>> = rows.iter().map(|r| r.to_vec()).collect();
        assert_eq!(back, want);
        assert_eq!(
            parsed.iter().map(|r| r.row).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
    }

    #[test]
    fn reads_lf_bom_blank_lines_and_a_last_line_without_newline() {
        let parsed = parse("\u{feff}a,b\n\n1,2\n3,").expect("parse");
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[1].fields, ["1", "2"]);
        assert_eq!(parsed[2].fields, ["3", ""]);
        assert_eq!(parsed[2].row, 3);
    }

    #[test]
    fn refuses_an_unclosed_quote_with_the_row() {
        let e = parse("a\n\"open\nmore,1\n").expect_err("unterminated");
        assert_eq!(
            e.to_string(),
            "row 2: a quote is not closed (or stands inside an unquoted field)"
        );
        let e = parse("a\nx\"y\nz\n").expect_err("stray quote");
        assert_eq!(
            e.to_string(),
            "row 2: a quote is not closed (or stands inside an unquoted field)"
        );
        // Balanced quotes around text after a closing quote read as a
        // spreadsheet reads them.
        assert_eq!(parse("\"a\"b\n").expect("lenient")[0].fields, ["ab"]);
    }

    #[test]
    fn quoted_fields_with_newlines_and_delimiters_round_trip_and_stream() {
        let rows: &[&[&str]] = &[
            &["name", "note", "price"],
            &[
                "Pat; \"the\" tailor",
                "line one\nline two,\r\nthree",
                "1.250",
            ],
            &["=cmd", "a;b\tc", ""],
        ];
        let text = written(rows);
        // One byte at a time: nothing depends on having the whole file.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let back: Vec<Record> = records(Trickle(text.as_bytes()))
            .collect::<Result<_>>()
            .expect("parse");
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|f| f.to_string()).collect())
            .collect();
        assert_eq!(
            back.iter().map(|r| r.fields.clone()).collect::<Vec<_>>(),
            want
        );
        assert_eq!(back.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2, 3]);
        let e = records(&b"a\n\xff\n"[..]).nth(1).expect("a second item");
        assert_eq!(e.unwrap_err().to_string(), "row 2: is not UTF-8 text");
    }
}
