using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Bindgen.Emscripten.Tests;

/// <summary>
/// The steps npm/reference.mjs takes in Node, taken through the generated bindings: each step's result as one line,
/// <c>step: value</c>, so the two transcripts compare line by line.
/// </summary>
public static class Scenarios
{
    private const string Operation = "Scenarios";

    /// <summary>Bytes of a simple pattern (compressible), as reference.mjs's <c>pattern</c>.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((((long)i * seed) + (i >> 10)) % 251);
        }

        return bytes;
    }

    /// <summary>Bytes of a linear congruential generator (incompressible), as reference.mjs's <c>noise</c>.</summary>
    public static byte[] Noise(int length, uint seed)
    {
        var bytes = new byte[length];
        uint x = seed;
        for (int i = 0; i < length; i++)
        {
            x = unchecked((x * 1664525u) + 1013904223u);
            bytes[i] = (byte)(x >> 24);
        }

        return bytes;
    }

    public static string Text(int repeats) => string.Concat(Enumerable.Repeat("Bindgen binds emscripten libraries. ", repeats));

    public static List<string> Sqlite(Sqlite sqlite)
    {
        var lines = new List<string>();
        void Say(string step, object value) => lines.Add($"{step}: {Format(value)}");
        GuestMemory memory = sqlite.Memory!;

        Say("libversion", sqlite.LibVersion());
        Say("libversion_number", sqlite.LibVersionNumber());
        Say("sourceid", sqlite.SourceId());
        Say("complete(select 1;)", sqlite.Complete("select 1;"));
        Say("complete(select 1)", sqlite.Complete("select 1"));

        Say("open_v2", sqlite.Open(":memory:", out int db, 6, null));
        Say("db", db != 0 ? "non-null" : "null");

        void Exec(string sql)
        {
            int rc = sqlite.Exec(db, sql, 0, 0, out int error);
            Say($"exec({Head(sql)})", $"{rc} {(error == 0 ? "-" : memory.ReadCString(error, Operation))}");
            sqlite.Free(error);
        }

        Exec("create table t(id integer primary key, name text, data blob, score real)");
        Exec("crate table u(x)");
        Exec("insert into t(name, score) values ('plain', 1.5)");
        Say("changes", sqlite.Changes(db));
        Say("last_insert_rowid", sqlite.LastInsertRowId(db));

        int Prepare(string sql)
        {
            // The tail points into the SQL, so the SQL is a guest buffer of ours until the tail is read.
            int length = GuestMemory.CStringByteCount(sql, Operation);
            int text = memory.Allocate(length + 1, Operation);
            try
            {
                memory.WriteCString(text, length, sql, Operation);
                int rc = sqlite.Prepare(db, text, -1, out int statement, out int tail);
                Say($"prepare({Head(sql)})", $"{rc} {(statement != 0 ? "non-null" : "null")} tail={memory.ReadCString(tail, Operation)}");
                if (rc != 0)
                {
                    Say("errmsg", sqlite.ErrorMessage(db));
                }

                return statement;
            }
            finally
            {
                memory.Free(text, length + 1, Operation);
            }
        }

        int insert = Prepare("insert into t(name, data, score) values (?, ?, ?); select 1");
        var rows = new (string Name, byte[] Data, double Score)[]
        {
            ("héllo wörld ✓ 🎉", Noise(100, 7), 2.25),
            (string.Empty, Pattern(0, 3), -0.5),
            ("big", Pattern(10 << 20, 13), 1e300),
        };
        foreach ((string name, byte[] data, double score) in rows)
        {
            Say("bind_text", sqlite.BindText(insert, 1, name, -1, -1));
            if (data.Length == 0)
            {
                // An empty span is passed as (NULL, 0) (docs/abi.md section 7), which sqlite binds as NULL: zeroblob is
                // the C API's empty blob.
                Say("bind_zeroblob", sqlite.BindZeroBlob(insert, 2, 0));
            }
            else
            {
                Say("bind_blob", sqlite.BindBlob(insert, 2, data, -1));
            }

            Say("bind_double", sqlite.BindDouble(insert, 3, score));
            Say("step", sqlite.Step(insert));
            Say("reset", sqlite.Reset(insert));
            Say("last_insert_rowid", sqlite.LastInsertRowId(db));
        }

        Say("finalize", sqlite.FinalizeStatement(insert));

        int select = Prepare("select id, name, data, score, length(data), typeof(data) from t order by id");
        Say("column_count", sqlite.ColumnCount(select));
        for (int i = 0; i < 6; i++)
        {
            Say($"column_name({i})", sqlite.ColumnName(select, i));
        }

        while (true)
        {
            int rc = sqlite.Step(select);
            Say("step", rc);
            if (rc != 100)
            {
                break;
            }

            string? name = sqlite.ColumnText(select, 1);
            int dataPointer = sqlite.ColumnBlob(select, 2);
            int dataLength = sqlite.ColumnBytes(select, 2);
            byte[] data = dataPointer == 0 ? Array.Empty<byte>() : memory.ReadArray<byte>(dataPointer, dataLength, Operation);
            Say("row", string.Join(" | ", new object[]
            {
                sqlite.ColumnInt(select, 0),
                name ?? "NULL",
                dataLength,
                Sha256(data),
                Format(sqlite.ColumnDouble(select, 3)),
                sqlite.ColumnInt(select, 4),
                sqlite.ColumnText(select, 5) ?? "NULL",
            }));
        }

        Say("finalize", sqlite.FinalizeStatement(select));

        int missing = Prepare("select * from nosuch");
        Say("missing stmt", missing == 0 ? "null" : "non-null");
        Say("errcode", sqlite.ErrorCode(db));
        Say("errstr(19)", sqlite.ErrorString(19));

        void Scalar(string sql)
        {
            int statement = Prepare(sql);
            Say("step", sqlite.Step(statement));
            Say("value", sqlite.ColumnText(statement, 0) ?? "NULL");
            Say("finalize", sqlite.FinalizeStatement(statement));
        }

        Scalar("select datetime(1700000000, 'unixepoch')");
        Scalar("select strftime('%Y-%m-%d %H:%M:%S', 1700000000, 'unixepoch', 'localtime')");
        Scalar("select julianday('2000-01-01 12:00:00')");
        Scalar("select printf('%.3f|%5d|%s', 3.14159, 42, 'x')");
        Scalar("select upper(name) from t where id = 2");
        Scalar("select group_concat(name, ',') from t");
        Scalar("select json_object('a', 1, 'b', 'two')");

        Say("close_v2", sqlite.Close(db));
        return lines;
    }

    public static List<string> Zstd(Zstd zstd)
    {
        var lines = new List<string>();
        void Say(string step, object value) => lines.Add($"{step}: {Format(value)}");

        var inputs = new (string Name, byte[] Bytes)[]
        {
            ("empty", Array.Empty<byte>()),
            ("text", Encoding.UTF8.GetBytes(Text(1000))),
            ("pattern", Pattern(100000, 7)),
            ("noise", Noise(200000, 42)),
            ("large", Pattern(20 << 20, 3)),
        };
        foreach ((string name, byte[] input) in inputs)
        {
            uint bound = zstd.CompressBound((uint)input.Length);
            Say($"compressBound({name})", bound);
            foreach (int level in new[] { 1, 3, 19 })
            {
                if (name == "large" && level == 19)
                {
                    continue;
                }

                byte[] compressed = Compress(zstd, input, level);
                Say($"compress({name}, {level})", $"{compressed.Length} {(compressed.Length > 256 ? Sha256(compressed) : Convert.ToBase64String(compressed))}");
                if (level == 3)
                {
                    // As the package's decompress does: the frame's content size, here known, sizes the destination.
                    var back = new byte[input.Length];
                    uint size = zstd.Decompress(back, compressed);
                    Say($"decompress({name})", $"{size} {(back.AsSpan(0, (int)Math.Min(size, (uint)back.Length)).SequenceEqual(input) ? "same" : "different")}");
                }
            }
        }

        string Code(uint code) => $"{code} isError={zstd.IsError(code)}";
        byte[] good = Compress(zstd, Encoding.UTF8.GetBytes(Text(10)), 3);
        Say("decompress(garbage)", Code(zstd.Decompress(new byte[64], new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));
        Say("decompress(too small)", Code(zstd.Decompress(new byte[10], good)));
        Say("decompress(truncated)", Code(zstd.Decompress(new byte[1000], good.AsSpan(0, good.Length - 3))));
        Say("compress(too small)", Code(zstd.Compress(new byte[16], Pattern(5000, 11), 3)));
        return lines;
    }

    private static byte[] Compress(Zstd zstd, byte[] input, int level)
    {
        var destination = new byte[zstd.CompressBound((uint)input.Length)];
        uint size = zstd.Compress(destination, input, level);
        if (zstd.IsError(size) != 0)
        {
            throw new InvalidOperationException($"ZSTD_compress failed with {size}");
        }

        return destination.AsSpan(0, (int)size).ToArray();
    }

    private static string Head(string sql) => sql.Length > 40 ? sql.Substring(0, 40) : sql;

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>A value as JavaScript's String() writes it (numbers: shortest round trip, <c>1e+300</c>).</summary>
    private static string Format(object value) => value switch
    {
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e21 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
