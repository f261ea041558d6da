//! The kinds of value a parameter file holds — numbers, law names, lists and tables — each read
//! with a message that says what was expected and what was found instead (`expected a number,
//! found string "fast"`). Tables are read only from tables: serde's derived structs would also
//! take an array of values in field order, which would let `[25, 10, 180, ...]` pass as a file.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The key under which toml hands a date-time to a visitor (toml's serde protocol).
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// A number as a file writes it: a TOML integer or float, a JSON number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Number(pub f64);

/// A motion law's name, as written (the meaning is checked later, with the other values).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LawName(pub String);

/// A list of `T` (a TOML array, an array of tables, or a JSON array).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct List<T>(pub Vec<T>);

/// A struct of the model read from one table. Implemented by [`read_as_table!`].
pub(super) trait Table: Sized {
    /// What the table is, for messages (`expected a {WHAT}`): `segment table`.
    const WHAT: &'static str;
    /// Reads the struct's keys from `map`.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Makes a model struct readable from a table only. The struct derives its keys with
/// `#[derive(Deserialize)] #[serde(remote = "Self", deny_unknown_fields)]`, which gives it an
/// inherent `deserialize`; this adds the `Deserialize` impl that admits nothing but a table.
macro_rules! read_as_table {
    ($ty:ty, $what:expr) => {
        impl $crate::files::values::Table for $ty {
            const WHAT: &'static str = $what;
            fn from_map<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                <$ty>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::files::values::read_table(deserializer)
            }
        }
    };
}
pub(super) use read_as_table;

/// What a value of the wrong kind turned out to be, as messages show it.
enum Found {
    Number(String),
    Text(String),
    Boolean(bool),
    Null,
    Array,
    Table,
    DateTime(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Number(n) => write!(f, "number {n}"),
            Found::Text(s) => write!(f, "string {s:?}"),
            Found::Boolean(b) => write!(f, "boolean {b}"),
            Found::Null => f.write_str("null"),
            Found::Array => f.write_str("array"),
            Found::Table => f.write_str("table"),
            Found::DateTime(d) => write!(f, "date-time {d}"),
        }
    }
}

fn wrong<E: de::Error>(expected: &str, found: Found) -> E {
    E::custom(format_args!("expected {expected}, found {found}"))
}

/// A TOML date-time arrives as a one-key table; anything else is a table. Reads the map to its
/// end, so the parser does not stop inside it.
fn table_or_datetime<'de, A: MapAccess<'de>>(mut map: A) -> Result<Found, A::Error> {
    let mut found = Found::Table;
    while let Some(key) = map.next_key::<String>()? {
        if key == TOML_DATETIME_KEY {
            found = Found::DateTime(map.next_value::<String>()?);
        } else {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(found)
}

/// A scalar of any kind (numbers and names take what they need from it).
enum Scalar {
    Number(f64),
    Text(String),
    Other(Found),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other(Found::Boolean(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other(Found::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        // Read to the end, so the parser does not stop inside the array.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other(Found::Array))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        Ok(Scalar::Other(table_or_datetime(map)?))
    }
}

impl Scalar {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        match Scalar::read(deserializer)? {
            Scalar::Number(x) => Ok(Number(x)),
            Scalar::Text(s) => Err(wrong("a number", Found::Text(s))),
            Scalar::Other(found) => Err(wrong("a number", found)),
        }
    }
}

impl<'de> Deserialize<'de> for LawName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LawName, D::Error> {
        const EXPECTED: &str = "a motion law name (a string such as \"cycloidal\")";
        match Scalar::read(deserializer)? {
            Scalar::Text(s) => Ok(LawName(s)),
            Scalar::Number(x) => Err(wrong(EXPECTED, Found::Number(x.to_string()))),
            Scalar::Other(found) => Err(wrong(EXPECTED, found)),
        }
    }
}

// --- lift tables (0.2) ---

/// A file name, as written (a string; relative to the parameter file).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FileName(pub String);

impl<'de> Deserialize<'de> for FileName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileName, D::Error> {
        const EXPECTED: &str = "a file name (a string such as \"valve_lift.csv\")";
        match Scalar::read(deserializer)? {
            Scalar::Text(s) => Ok(FileName(s)),
            Scalar::Number(x) => Err(wrong(EXPECTED, Found::Number(x.to_string()))),
            Scalar::Other(found) => Err(wrong(EXPECTED, found)),
        }
    }
}

/// Rejects every kind of value but the one a visitor accepts, naming what was found.
macro_rules! reject_scalars {
    ($expected:expr) => {
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Number(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Number(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Number(v.to_string())))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Text(v.to_string())))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Boolean(v)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(wrong($expected, Found::Null))
        }
    };
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Table + Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {}s", T::WHAT)
    }
    reject_scalars!(&format!("a list of {}s", T::WHAT));
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
        Err(wrong(&format!("a list of {}s", T::WHAT), table_or_datetime(map)?))
    }
}

impl<'de, T: Table + Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<List<T>, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

struct TableVisitor<T>(PhantomData<T>);

impl<'de, T: Table> Visitor<'de> for TableVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {}", T::WHAT)
    }
    reject_scalars!(&format!("a {}", T::WHAT));
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(wrong(&format!("a {}", T::WHAT), Found::Array))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Reads a [`Table`] struct from a table, and from nothing else.
pub(super) fn read_table<'de, T: Table, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(TableVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn toml_rpm(text: &str) -> Result<Number, String> {
        #[derive(Debug, serde::Deserialize)]
        struct Rpm {
            #[allow(dead_code)]
            rpm: Number,
        }
        toml::from_str::<Rpm>(text).map(|r| r.rpm).map_err(|e| e.message().to_string())
    }

    #[test]
    fn numbers_take_integers_and_floats_and_name_anything_else() {
        assert_eq!(json::<Number>("3"), Ok(Number(3.0)));
        assert_eq!(json::<Number>("-2.5e3"), Ok(Number(-2500.0)));
        assert_eq!(toml_rpm("rpm = 1_500"), Ok(Number(1500.0)));
        assert!(toml_rpm("rpm = nan").unwrap().0.is_nan());
        for (text, found) in [
            ("\"fast\"", "string \"fast\""),
            ("true", "boolean true"),
            ("null", "null"),
            ("[1, [2, 3], {\"a\": 4}]", "array"),
            ("{\"a\": 1, \"b\": [2], \"c\": {\"d\": 3}}", "table"),
        ] {
            let message = json::<Number>(text).unwrap_err();
            assert!(message.starts_with(&format!("expected a number, found {found}")), "{text}: {message}");
        }
        assert_eq!(
            toml_rpm("rpm = 1979-05-27T07:32:00Z").unwrap_err(),
            "expected a number, found date-time 1979-05-27T07:32:00Z"
        );
        assert_eq!(toml_rpm("rpm = { a = 1, b = 2 }").unwrap_err(), "expected a number, found table");
    }

    #[test]
    fn law_names_are_strings() {
        assert_eq!(json::<LawName>("\"cycloidal\""), Ok(LawName("cycloidal".into())));
        let message = json::<LawName>("3").unwrap_err();
        assert!(message.starts_with("expected a motion law name (a string such as \"cycloidal\"), found number 3"));
    }
}
