//! A serde serializer that hashes a value as it goes, building nothing:
//! the fingerprint of ten thousand pages' contexts costs their hashing,
//! not a JSON text or tree each.
//!
//! A map's entries are hashed each on its own and their hashes added up,
//! so a map gives the same fingerprint whatever order it lists its keys in
//! (the view's maps may list them in any order from one run to the next;
//! a template sees the same map). Every other value is
//! taken in order, with a tag for its kind and lengths for its parts, so
//! two different values cannot run into the same bytes.

use std::hash::Hasher as _;

use serde::ser::{self, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

/// Hashes `value` into `hasher`.
pub(super) fn hash_into(hasher: &mut SipHasher13, value: &(impl Serialize + ?Sized)) {
    // A value that cannot be serialised fails its render too, so its
    // fingerprint matters not.
    let _ = value.serialize(Hashing(hasher));
}

/// The 128 bits of one value, alone: a map entry's, a [`super::Memo`]'s.
pub(super) fn hash_alone(value: &(impl Serialize + ?Sized)) -> u128 {
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    hash_into(&mut hasher, value);
    hasher.finish128().as_u128()
}

/// The error of a serializer that cannot fail but through the value.
#[derive(Debug)]
pub(super) struct Unhashable(String);

impl std::fmt::Display for Unhashable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: std::fmt::Display>(msg: T) -> Unhashable {
        Unhashable(msg.to_string())
    }
}

/// Kinds of value, each its own tag.
mod tag {
    pub const NONE: u8 = 0;
    pub const SOME: u8 = 1;
    pub const BOOL: u8 = 2;
    pub const INT: u8 = 3;
    pub const UINT: u8 = 4;
    pub const FLOAT: u8 = 5;
    pub const TEXT: u8 = 6;
    pub const BYTES: u8 = 7;
    pub const UNIT: u8 = 8;
    pub const VARIANT: u8 = 9;
    pub const SEQ: u8 = 10;
    pub const MAP: u8 = 11;
    pub const STRUCT: u8 = 12;
    pub const END: u8 = 13;
}

struct Hashing<'a>(&'a mut SipHasher13);

impl Hashing<'_> {
    fn text(&mut self, text: &str) {
        self.0.write_u8(tag::TEXT);
        self.0.write_u64(text.len() as u64);
        self.0.write(text.as_bytes());
    }
}

/// A sequence, tuple or struct: its parts in order, then an end.
struct InOrder<'a>(&'a mut SipHasher13);

/// A map: each entry hashed on its own (its key, then its value), and the
/// entries' hashes added up, whatever their order.
struct Unordered<'a> {
    hasher: &'a mut SipHasher13,
    entries: u64,
    sum: u128,
    /// The entry under way, its key hashed.
    entry: Option<SipHasher13>,
}

impl<'a> ser::Serializer for Hashing<'a> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = InOrder<'a>;
    type SerializeTuple = InOrder<'a>;
    type SerializeTupleStruct = InOrder<'a>;
    type SerializeTupleVariant = InOrder<'a>;
    type SerializeMap = Unordered<'a>;
    type SerializeStruct = InOrder<'a>;
    type SerializeStructVariant = InOrder<'a>;

    /// Not a text: a [`super::Memo`] gives its hash here, not its value.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Unhashable> {
        self.0.write_u8(tag::BOOL);
        self.0.write_u8(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unhashable> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unhashable> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unhashable> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unhashable> {
        self.0.write_u8(tag::INT);
        self.0.write_i64(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unhashable> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unhashable> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unhashable> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unhashable> {
        self.0.write_u8(tag::UINT);
        self.0.write_u64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unhashable> {
        self.0.write_u8(tag::INT);
        self.0.write_i128(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unhashable> {
        self.0.write_u8(tag::UINT);
        self.0.write_u128(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unhashable> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unhashable> {
        self.0.write_u8(tag::FLOAT);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Unhashable> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Unhashable> {
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unhashable> {
        self.0.write_u8(tag::BYTES);
        self.0.write_u64(v.len() as u64);
        self.0.write(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unhashable> {
        self.0.write_u8(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.0.write_u8(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unhashable> {
        self.0.write_u8(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unhashable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unhashable> {
        self.0.write_u8(tag::VARIANT);
        self.text(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.0.write_u8(tag::VARIANT);
        self.text(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<InOrder<'a>, Unhashable> {
        self.0.write_u8(tag::SEQ);
        Ok(InOrder(self.0))
    }
    fn serialize_tuple(self, len: usize) -> Result<InOrder<'a>, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<InOrder<'a>, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<InOrder<'a>, Unhashable> {
        self.0.write_u8(tag::VARIANT);
        self.text(variant);
        self.0.write_u8(tag::SEQ);
        Ok(InOrder(self.0))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Unordered<'a>, Unhashable> {
        Ok(Unordered {
            hasher: self.0,
            entries: 0,
            sum: 0,
            entry: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<InOrder<'a>, Unhashable> {
        self.0.write_u8(tag::STRUCT);
        Ok(InOrder(self.0))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<InOrder<'a>, Unhashable> {
        self.0.write_u8(tag::VARIANT);
        self.text(variant);
        self.0.write_u8(tag::STRUCT);
        Ok(InOrder(self.0))
    }
}

impl InOrder<'_> {
    fn part<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(Hashing(self.0))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unhashable> {
        Hashing(self.0).text(key);
        value.serialize(Hashing(self.0))
    }

    fn end(self) -> Result<(), Unhashable> {
        self.0.write_u8(tag::END);
        Ok(())
    }
}

/// The serde traits of a sequence, tuple or struct, all taken in order:
/// serde asks for one trait each, with the same two methods.
macro_rules! in_order {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for InOrder<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
                self.part(value)
            }
            fn end(self) -> Result<(), Unhashable> {
                InOrder::end(self)
            }
        }
    )+};
    (named: $($trait:ident),+) => {$(
        impl ser::$trait for InOrder<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unhashable> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Unhashable> {
                InOrder::end(self)
            }
        }
    )+};
}

in_order!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);
in_order!(named: SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Unordered<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unhashable> {
        let mut entry = SipHasher13::new_with_keys(0, 0);
        hash_into(&mut entry, key);
        self.entry = Some(entry);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        // Key and value are each tagged and measured, so one runs into
        // the other in no two entries alike.
        let mut entry = (self.entry.take()).unwrap_or_else(|| SipHasher13::new_with_keys(0, 0));
        hash_into(&mut entry, value);
        self.sum = self.sum.wrapping_add(entry.finish128().as_u128());
        self.entries += 1;
        Ok(())
    }
    fn end(self) -> Result<(), Unhashable> {
        // A sum is the same in any order; the keys of a map differ, so
        // its entries' hashes are as good as random, and no two maps that
        // differ add up alike but by chance (1 in 2^128).
        self.hasher.write_u8(tag::MAP);
        self.hasher.write_u64(self.entries);
        self.hasher.write_u128(self.sum);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::hash_alone;

    #[test]
    fn a_map_hashes_the_same_in_any_order_and_values_differ() {
        let a: Vec<(&str, u32)> = vec![("b", 2), ("a", 1)];
        let in_order: std::collections::BTreeMap<_, _> = a.iter().cloned().collect();
        let mut other = indexmap_like(&[("a", 1), ("b", 2)]);
        let mut reversed = indexmap_like(&[("b", 2), ("a", 1)]);
        assert_eq!(hash_alone(&other), hash_alone(&reversed));
        assert_eq!(hash_alone(&in_order), hash_alone(&other));
        other.push(("c", 3));
        reversed.push(("c", 4));
        assert_ne!(hash_alone(&other), hash_alone(&reversed));
        // A sequence keeps its order; a string is not its bytes split.
        assert_ne!(hash_alone(&["a", "b"]), hash_alone(&["b", "a"]));
        assert_ne!(hash_alone(&["ab", ""]), hash_alone(&["a", "b"]));
        assert_ne!(hash_alone(&Some(1u8)), hash_alone(&1u8));
    }

    /// A map that serializes its entries in the order given.
    fn indexmap_like(entries: &[(&'static str, u32)]) -> Entries {
        Entries(entries.to_vec())
    }

    struct Entries(Vec<(&'static str, u32)>);

    impl Entries {
        fn push(&mut self, entry: (&'static str, u32)) {
            self.0.push(entry);
        }
    }

    impl serde::Serialize for Entries {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }
}
