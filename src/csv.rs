//! CSV (RFC 4180): a writer that quotes only when needed and a reader for
//! imports (quoted fields, doubled quotes, embedded newlines, CRLF or LF,
//! a leading UTF-8 BOM).

use std::borrow::Cow;
use std::io::Write;

use crate::error::{Error, Result};

/// Writes records, CRLF-terminated.
pub struct CsvWriter<W: Write> {
    out: W,
}

fn needs_quotes(field: &str) -> bool {
    field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
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
/// `=` or `@`, or with `+`, `-`, a tab or CR and is not just a number or a
/// phone number (`-12.50`, `+44 (0)20 7946 0991` stay as they are).
fn reads_as_formula(field: &str) -> bool {
    match field.chars().next() {
        Some('=' | '@') => true,
        Some('+' | '-' | '\t' | '\r') => !field
            .chars()
            .all(|c| c.is_ascii_digit() || " .,()-+/".contains(c)),
        _ => false,
    }
}

/// Free text (a name, a note) made safe to open in a spreadsheet: text that
/// would be read as a formula (`=HYPERLINK(…)`, `+cmd|…`) gets a leading
/// apostrophe, so it shows as text and never runs.
pub fn spreadsheet_text(field: &str) -> Cow<'_, str> {
    if reads_as_formula(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// The inverse for imports: drops the apostrophe [`spreadsheet_text`] adds,
/// so an exported file reads back as it was written.
pub fn from_spreadsheet_text(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if reads_as_formula(rest) => rest,
        _ => field,
    }
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

/// Parses a whole CSV text. Blank lines are skipped.
pub fn parse(text: &str) -> Result<Vec<Record>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut row = 1;
    // Whether the current field was quoted / the record has any content.
    let mut quoted = false;
    let mut started = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if field.is_empty() && !quoted => {
                quoted = true;
                started = true;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(ch) => field.push(ch),
                        None => return Err(malformed(row, "a quoted field is not closed")),
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\r') | Some('\n') => {}
                    Some(_) => return Err(malformed(row, "text after a closing quote")),
                }
            }
            '"' => return Err(malformed(row, "a quote inside an unquoted field")),
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted = false;
                started = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if started || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record {
                        row,
                        fields: std::mem::take(&mut fields),
                    });
                    row += 1;
                }
                quoted = false;
                started = false;
            }
            ch => {
                if quoted {
                    return Err(malformed(row, "text after a closing quote"));
                }
                field.push(ch);
                started = true;
            }
        }
    }
    if started || !field.is_empty() {
        fields.push(field);
        records.push(Record { row, fields });
    }
    Ok(records)
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
            ("\t=1", "'\t=1"),
            ("+44 (0)20 7946 0991", "+44 (0)20 7946 0991"),
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
    fn refuses_malformed_quotes_with_the_row() {
        let e = parse("a\n\"open").expect_err("unterminated");
        assert_eq!(e.to_string(), "row 2: a quoted field is not closed");
        let e = parse("a\nx\"y\n").expect_err("stray quote");
        assert_eq!(e.to_string(), "row 2: a quote inside an unquoted field");
        let e = parse("\"a\"b\n").expect_err("after quote");
        assert_eq!(e.to_string(), "row 1: text after a closing quote");
    }
}
