//! The `generalise` strategy: a vaguer description in place of a detail, as an editor
//! following qualitative-data guidance would write it. Each function reads the original
//! text of an entity's first mention and returns `None` when it cannot say anything
//! vaguer, and the placeholder is used instead.

use crate::rules::schema::{Category, DateKeep, RewriteSpec, TimeStyle};
use crate::rules::{Rule, RuleSet};
use crate::text::MONTHS;

/// The generalised form of `original`, a mention of `category` found by `rule`.
pub fn generalise(
    rules: &RuleSet,
    category: Category,
    rule: &Rule,
    original: &str,
    spec: &RewriteSpec,
) -> Option<String> {
    let folded = crate::detect::lexicon::fold(original);
    if category == Category::Org {
        if let Some(kind) = rules.organisation_kinds.get(&folded) {
            return Some(kind.clone());
        }
    }
    if let Some(text) = &rule.generalise {
        return Some(text.clone());
    }
    match category {
        Category::Datetime => date_or_time(original, spec),
        Category::Dem => age(original).map(|a| age_band(a, spec.band.unwrap_or(10))),
        Category::Loc => {
            let region = rules.regions.get(&folded)?;
            Some(format!("a town in {region}"))
        }
        Category::Org => Some("an organisation".to_string()),
        Category::Quantity => quantity(original),
        Category::Person | Category::Code | Category::Misc => None,
    }
}

/// A date keeps what `spec.keep` allows; a clock time becomes the part of the day.
fn date_or_time(original: &str, spec: &RewriteSpec) -> Option<String> {
    let words: Vec<&str> = original
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().find_map(|w| {
        let w = w.to_ascii_lowercase();
        (w.len() >= 3).then(|| {
            MONTHS
                .iter()
                .position(|m| m.to_ascii_lowercase().starts_with(&w))
        })?
    });
    let year = words.iter().find_map(|w| {
        (w.len() == 4
            && w.chars().all(|c| c.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20")))
        .then(|| w.to_string())
    });
    // Numeric dates: 03/03/2019, 3.3.19, 2019-03-03.
    let numeric: Vec<&str> = original.split(['/', '.', '-']).map(str::trim).collect();
    let (month, year) = match (month, year, numeric.len()) {
        (None, _, 3)
            if numeric
                .iter()
                .all(|p| p.chars().all(|c| c.is_ascii_digit())) =>
        {
            let (m, y) = if numeric[0].len() == 4 {
                (numeric[1], numeric[0])
            } else {
                (numeric[1], numeric[2])
            };
            let y = if y.len() == 2 {
                format!("20{y}")
            } else {
                y.to_string()
            };
            (
                m.parse::<usize>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .map(|m| m - 1),
                Some(y),
            )
        }
        other => (other.0, other.1),
    };
    if month.is_none() && year.is_none() {
        return time(original, spec);
    }
    Some(
        match (spec.keep.unwrap_or(DateKeep::MonthYear), month, year) {
            (DateKeep::Nothing, ..) => "[DATE]".to_string(),
            (DateKeep::Year, _, Some(y)) => y,
            (DateKeep::MonthYear, Some(m), Some(y)) => format!("{} {y}", MONTHS[m]),
            (DateKeep::MonthYear, Some(m), None) => MONTHS[m].to_string(),
            (DateKeep::MonthYear, None, Some(y)) => y,
            _ => "[DATE]".to_string(),
        },
    )
}

/// "10:41" → "mid-morning"; "1:13 am" → "night-time".
fn time(original: &str, spec: &RewriteSpec) -> Option<String> {
    if spec.times == Some(TimeStyle::Placeholder) {
        return Some("[TIME]".to_string());
    }
    let digits: String = original
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let Ok(mut hour) = digits.parse::<u32>() else {
        return Some("[DATE]".to_string());
    };
    let lower = original.to_ascii_lowercase();
    if lower.contains('p') && hour < 12 {
        hour += 12;
    } else if lower.contains('a') && lower.contains('m') && hour == 12 {
        hour = 0;
    }
    Some(
        match hour {
            5..=7 => "early morning",
            8..=11 => "mid-morning",
            12..=13 => "midday",
            14..=16 => "mid-afternoon",
            17..=19 => "early evening",
            20..=22 => "late evening",
            _ => "night-time",
        }
        .to_string(),
    )
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The number an age mention states, in digits or words ("43", "43-year-old", "forty-three").
fn age(original: &str) -> Option<u32> {
    let digits: String = original
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let lower = original.to_ascii_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    if let Some(t) = TENS.iter().position(|t| !t.is_empty() && *t == first) {
        let unit = words
            .next()
            .and_then(|w| UNITS[1..10].iter().position(|u| *u == w))
            .map_or(0, |u| u + 1);
        return Some(t as u32 * 10 + unit as u32);
    }
    UNITS.iter().position(|u| *u == first).map(|u| u as u32)
}

/// An age band that reads in place of the number ("aged 40-something", "a 40-something"):
/// bands of ten from twenty, "13-19" and "under 13" below; "40-44" for other widths.
fn age_band(age: u32, width: u32) -> String {
    let width = width.max(1);
    if width == 10 && age >= 20 {
        return format!("{}0-something", age / 10);
    }
    if width == 10 && (13..20).contains(&age) {
        return "13-19".to_string();
    }
    if width == 10 && age < 13 {
        return "under 13".to_string();
    }
    let low = age / width * width;
    format!("{low}-{}", low + width - 1)
}

/// Years of service and sums of money, made vague.
fn quantity(original: &str) -> Option<String> {
    let lower = original.to_ascii_lowercase();
    if original.contains('£') {
        return Some("a sum of money".to_string());
    }
    if lower.contains("year") || lower.contains("month") {
        let n = age(original).unwrap_or(0);
        return Some(
            if lower.contains("month") && !lower.contains("year") {
                "some months"
            } else if n >= 10 {
                "many years"
            } else {
                "a few years"
            }
            .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> RewriteSpec {
        RewriteSpec {
            strategy: crate::rules::schema::Strategy::Generalise,
            label: None,
            keep: None,
            times: None,
            band: None,
        }
    }

    #[test]
    fn dates_keep_month_and_year() {
        let s = spec();
        assert_eq!(
            date_or_time("Thursday, 4 February 2021", &s).unwrap(),
            "February 2021"
        );
        assert_eq!(date_or_time("03/03/2019", &s).unwrap(), "March 2019");
        assert_eq!(date_or_time("3.3.19", &s).unwrap(), "March 2019");
        assert_eq!(
            date_or_time("14 May 2019 at 19:40", &s).unwrap(),
            "May 2019"
        );
        assert_eq!(date_or_time("the 24th", &s).unwrap(), "[DATE]");
        assert_eq!(date_or_time("Tuesday 14th", &s).unwrap(), "[DATE]");
        let year = RewriteSpec {
            keep: Some(DateKeep::Year),
            ..spec()
        };
        assert_eq!(
            date_or_time("Thursday, 4 February 2021", &year).unwrap(),
            "2021"
        );
    }

    #[test]
    fn times_become_parts_of_the_day() {
        let s = spec();
        assert_eq!(date_or_time("10:41", &s).unwrap(), "mid-morning");
        assert_eq!(date_or_time("1:13 am", &s).unwrap(), "night-time");
        assert_eq!(date_or_time("4.50pm", &s).unwrap(), "mid-afternoon");
        let placeholder = RewriteSpec {
            times: Some(TimeStyle::Placeholder),
            ..spec()
        };
        assert_eq!(date_or_time("10:41", &placeholder).unwrap(), "[TIME]");
    }

    #[test]
    fn ages_become_bands() {
        assert_eq!(age("43-year-old"), Some(43));
        assert_eq!(age("forty-three"), Some(43));
        assert_eq!(age("Seventy-eight"), Some(78));
        assert_eq!(age("seventeen"), Some(17));
        assert_eq!(age_band(43, 10), "40-something");
        assert_eq!(age_band(17, 10), "13-19");
        assert_eq!(age_band(43, 5), "40-44");
    }

    #[test]
    fn quantities_become_vague() {
        assert_eq!(quantity("£20,000").unwrap(), "a sum of money");
        assert_eq!(quantity("22 years").unwrap(), "many years");
        assert_eq!(quantity("six years").unwrap(), "a few years");
    }
}
