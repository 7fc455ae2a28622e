//! `sha3(X [, SIZE])` and `sha3_query(SQL [, SIZE])`, as the sqlite3 shell registers them: the
//! SHA3 hash (224, 256 — the default —, 384 or 512 bits) of a value, or of every statement of SQL
//! and every value of its results, as a blob. Keccak is small enough to carry here.

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error};

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    for n_arg in [1, 2] {
        conn.create_scalar_function("sha3", n_arg, flags, |ctx| {
            let mut h = Sha3::new(size(ctx)?)?;
            match ctx.get_raw(0) {
                ValueRef::Null => return Ok(None),
                ValueRef::Blob(b) | ValueRef::Text(b) => h.update(b),
                ValueRef::Integer(n) => h.update(n.to_string().as_bytes()),
                ValueRef::Real(r) => h.update(crate::engine::sql::number::format_real(r, 15).as_bytes()),
            }
            Ok(Some(h.finish()))
        })?;
        // Runs SQL, so neither innocuous nor deterministic (as in sqlite3).
        conn.create_scalar_function("sha3_query", n_arg, FunctionFlags::SQLITE_UTF8, |ctx| {
            let Ok(sql) = ctx.get::<String>(0) else { return Ok(None) };
            let mut h = Sha3::new(size(ctx)?)?;
            // SAFETY: the connection is used only while this function runs, on its own thread.
            let conn = unsafe { ctx.get_connection()? };
            hash_query(&conn, &sql, &mut h)?;
            Ok(Some(h.finish()))
        })?;
    }
    Ok(())
}

/// The SIZE argument: 256 when absent.
fn size(ctx: &Context<'_>) -> rusqlite::Result<usize> {
    if ctx.len() < 2 {
        return Ok(256);
    }
    Ok(usize::try_from(ctx.get::<i64>(1).unwrap_or(0)).unwrap_or(0))
}

/// sqlite3's `sha3_query` input: per statement `S<len>:<sql>`, per row `R`, per value `N`,
/// `I`/`F` and 8 big-endian bytes, or `T<len>:`/`B<len>:` and the bytes.
fn hash_query(conn: &Connection, sql: &str, h: &mut Sha3) -> rusqlite::Result<()> {
    let mut batch = rusqlite::Batch::new(conn, sql);
    while let Some(mut stmt) =
        batch.next().map_err(|e| Error::UserFunctionError(format!("error SQL statement: {e}").into()))?
    {
        let text = stmt.expanded_sql().unwrap_or_default();
        if !stmt.readonly() {
            return Err(Error::UserFunctionError(format!("non-query: [{text}]").into()));
        }
        h.update(format!("S{}:", text.len()).as_bytes());
        h.update(text.as_bytes());
        let n = stmt.column_count();
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next()? {
            h.update(b"R");
            for i in 0..n {
                match row.get_ref(i)? {
                    ValueRef::Null => h.update(b"N"),
                    ValueRef::Integer(v) => {
                        h.update(b"I");
                        h.update(&v.to_be_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update(b"F");
                        h.update(&v.to_bits().to_be_bytes());
                    }
                    ValueRef::Text(t) => {
                        h.update(format!("T{}:", t.len()).as_bytes());
                        h.update(t);
                    }
                    ValueRef::Blob(b) => {
                        h.update(format!("B{}:", b.len()).as_bytes());
                        h.update(b);
                    }
                }
            }
        }
    }
    Ok(())
}

/// SHA3 (FIPS 202) of one of the four standard sizes.
struct Sha3 {
    state: [u64; 25],
    /// Bytes absorbed per permutation: 200 - 2 * digest bytes.
    rate: usize,
    /// Bytes of the current block absorbed so far.
    at: usize,
    digest: usize,
}

impl Sha3 {
    fn new(bits: usize) -> rusqlite::Result<Self> {
        if ![224, 256, 384, 512].contains(&bits) {
            return Err(Error::UserFunctionError("SHA3 size should be one of: 224 256 384 512".into()));
        }
        Ok(Sha3 { state: [0; 25], rate: 200 - 2 * (bits / 8), at: 0, digest: bits / 8 })
    }

    fn xor_byte(&mut self, i: usize, b: u8) {
        self.state[i / 8] ^= u64::from(b) << (8 * (i % 8));
    }

    fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.xor_byte(self.at, b);
            self.at += 1;
            if self.at == self.rate {
                keccak_f(&mut self.state);
                self.at = 0;
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        // SHA3's domain bits and the pad10*1 rule.
        self.xor_byte(self.at, 0x06);
        self.xor_byte(self.rate - 1, 0x80);
        keccak_f(&mut self.state);
        (0..self.digest).map(|i| (self.state[i / 8] >> (8 * (i % 8))) as u8).collect()
    }
}

const ROUND_CONSTANTS: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808A,
    0x8000000080008000,
    0x000000000000808B,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008A,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000A,
    0x000000008000808B,
    0x800000000000008B,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800A,
    0x800000008000000A,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// Rotation of lane (x, y), at index x + 5y.
const ROTATIONS: [u32; 25] =
    [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

/// Keccak-f[1600]: 24 rounds of theta, rho and pi, chi, iota.
fn keccak_f(a: &mut [u64; 25]) {
    for rc in ROUND_CONSTANTS {
        let mut c = [0u64; 5];
        for (x, cx) in c.iter_mut().enumerate() {
            *cx = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // rho and pi: B[y, 2x + 3y] = rot(A[x, y]).
        let mut b = [0u64; 25];
        for x in 0..5 {
            for y in 0..5 {
                b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(ROTATIONS[x + 5 * y]);
            }
        }
        for x in 0..5 {
            for y in 0..5 {
                a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
            }
        }
        a[0] ^= rc;
    }
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::functions::sha3::*;

    fn hex(bits: usize, data: &[u8]) -> String {
        let mut h = Sha3::new(bits).expect("size");
        h.update(data);
        h.finish().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn fips_202_test_vectors() {
        assert_eq!(hex(256, b""), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
        assert_eq!(hex(256, b"abc"), "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
        assert_eq!(hex(224, b"abc"), "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf");
        assert_eq!(
            hex(512, b"abc"),
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"
        );
        // Longer than one block (the rate of SHA3-256 is 136 bytes).
        let long = vec![b'a'; 200];
        assert_eq!(hex(256, &long).len(), 64);
        assert!(Sha3::new(100).is_err());
    }
}
