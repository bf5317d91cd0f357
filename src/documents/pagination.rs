//! Splitting table rows over pages.

/// Assign rows (by height, mm) to pages. The first page has `first` mm for
/// rows, later pages `other` mm; the last page must also hold a `tail` block
/// (totals, signatures) below its rows, which moves to a page of its own when
/// it does not fit. Always returns at least one page; rows are never split.
pub(crate) fn paginate(heights: &[f32], first: f32, other: f32, tail: f32) -> Vec<Vec<usize>> {
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut room = first;
    for (index, &height) in heights.iter().enumerate() {
        let current_is_empty = pages.last().is_none_or(|p| p.is_empty());
        if height > room && !current_is_empty {
            pages.push(Vec::new());
            room = other;
        }
        if let Some(page) = pages.last_mut() {
            page.push(index);
        }
        room -= height;
    }
    if tail > room {
        pages.push(Vec::new());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::paginate;

    #[test]
    fn fits_on_one_page() {
        assert_eq!(paginate(&[5.0; 3], 100.0, 200.0, 20.0), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn overflows_to_second_page() {
        let pages = paginate(&[10.0; 12], 100.0, 200.0, 20.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 10);
        assert_eq!(pages[1], vec![10, 11]);
    }

    #[test]
    fn tail_gets_its_own_page() {
        let pages = paginate(&[10.0; 9], 100.0, 200.0, 20.0);
        assert_eq!(pages, vec![(0..9).collect::<Vec<_>>(), vec![]]);
    }

    #[test]
    fn empty_document_has_one_page() {
        assert_eq!(paginate(&[], 100.0, 200.0, 20.0), vec![Vec::<usize>::new()]);
    }
}
