//! Messages of a catalogue as data for a page's script: the `/my/` page
//! words a patient's doses and dates in the browser from the same
//! messages the PDFs are written with, so a dose reads the same on paper
//! and on the phone.
//!
//! Each message is its Fluent pattern as JSON: a list whose items are
//! text, or an object: `{"var": name}`, `{"msg": id}` (another message,
//! given too), `{"str": text}`, `{"num": n}`, or `{"select": expression,
//! "variants": [[key, pattern], ...], "default": index}`, where a key is
//! a number (matched exactly) or a name (a CLDR plural category, matched
//! with `Intl.PluralRules` in the page's language, or a word such as
//! `leg`). This is what Fluent itself does when it formats; `my.js`
//! follows it.

use std::collections::BTreeMap;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use serde_json::{Value, json};

use super::Words;

impl Words {
    /// The messages `ids`, and every message they use, as JSON patterns
    /// by id; or the id of a message whose pattern uses something a
    /// script does not follow (a term, a function, an attribute).
    pub fn messages_for_script(&self, ids: &[&str]) -> Result<BTreeMap<String, Value>, String> {
        let mut out = BTreeMap::new();
        let mut wanted: Vec<String> = ids.iter().map(|id| (*id).to_string()).collect();
        while let Some(id) = wanted.pop() {
            if out.contains_key(&id) {
                continue;
            }
            let Some(pattern) = self.bundle.get_message(&id).and_then(|m| m.value()) else {
                return Err(id);
            };
            let mut uses = Vec::new();
            let value = pattern_json(pattern, &mut uses).ok_or_else(|| id.clone())?;
            out.insert(id, value);
            wanted.extend(uses);
        }
        Ok(out)
    }
}

fn pattern_json(pattern: &Pattern<&str>, uses: &mut Vec<String>) -> Option<Value> {
    let mut items = Vec::new();
    for element in &pattern.elements {
        items.push(match element {
            PatternElement::TextElement { value } => Value::from(*value),
            PatternElement::Placeable { expression } => expression_json(expression, uses)?,
        });
    }
    Some(Value::Array(items))
}

fn expression_json(expression: &Expression<&str>, uses: &mut Vec<String>) -> Option<Value> {
    match expression {
        Expression::Inline(inline) => inline_json(inline, uses),
        Expression::Select { selector, variants } => {
            let mut list = Vec::new();
            let mut default = 0;
            for (index, variant) in variants.iter().enumerate() {
                if variant.default {
                    default = index;
                }
                let key = match &variant.key {
                    VariantKey::Identifier { name } => Value::from(*name),
                    VariantKey::NumberLiteral { value } => json!(value.parse::<f64>().ok()?),
                };
                list.push(json!([key, pattern_json(&variant.value, uses)?]));
            }
            Some(json!({
                "select": inline_json(selector, uses)?,
                "variants": list,
                "default": default,
            }))
        }
    }
}

fn inline_json(inline: &InlineExpression<&str>, uses: &mut Vec<String>) -> Option<Value> {
    match inline {
        InlineExpression::StringLiteral { value } => Some(json!({
            "str": fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned()
        })),
        InlineExpression::NumberLiteral { value } => {
            Some(json!({ "num": value.parse::<f64>().ok()? }))
        }
        InlineExpression::VariableReference { id } => Some(json!({ "var": id.name })),
        InlineExpression::MessageReference {
            id,
            attribute: None,
        } => {
            uses.push(id.name.to_string());
            Some(json!({ "msg": id.name }))
        }
        InlineExpression::Placeable { expression } => expression_json(expression, uses),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dose's messages come whole, with the ones they use and their
    /// plural variants.
    #[test]
    fn the_dose_messages_are_exported_with_what_they_use() {
        let words = Words::load("en", &[]).unwrap();
        let messages = words.messages_for_script(&["dose-per-day"]).unwrap();
        assert_eq!(
            messages["dose-per-day"],
            json!([{
                "select": {"var": "max"},
                "variants": [
                    ["one", [{"var": "max"}, " time a day."]],
                    ["other", [{"var": "max"}, " times a day."]]
                ],
                "default": 1
            }])
        );
        let hold = words.messages_for_script(&["dose-hold"]).unwrap();
        assert!(hold.contains_key("duration-long") && hold.contains_key("seconds-long"));
        let short = words
            .messages_for_script(&["dose-short-separator"])
            .unwrap();
        assert_eq!(short["dose-short-separator"], json!([{"str": " · "}]));
        assert_eq!(
            words.messages_for_script(&["no-such-message"]),
            Err("no-such-message".to_string())
        );
    }
}
