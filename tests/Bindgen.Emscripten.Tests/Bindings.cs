using System;
using Bindgen;

namespace Bindgen.Emscripten.Tests;

/// <summary>
/// @sqlite.org/sqlite-wasm 3.54.1-build1: sqlite built by emscripten with an imported memory (<c>env.memory</c>, 128
/// pages up to 32768), 26 <c>env</c> and 9 WASI imports, 267 exports. Declared as sqlite's C API declares them.
/// </summary>
[WasmModule(File = "sqlite3.wasm", Initialize = "__wasm_call_ctors")]
public interface ISqlite
{
    [WasmExport("sqlite3_libversion")]
    [return: CString]
    string LibVersion();

    [WasmExport("sqlite3_libversion_number")]
    int LibVersionNumber();

    [WasmExport("sqlite3_sourceid")]
    [return: CString]
    string SourceId();

    // int sqlite3_complete(const char *sql)
    [WasmExport("sqlite3_complete")]
    int Complete([CString] string sql);

    // int sqlite3_open_v2(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs)
    [WasmExport("sqlite3_open_v2")]
    int Open([CString] string filename, out int db, int flags, [CString] string? vfs);

    // int sqlite3_exec(sqlite3*, const char *sql, int (*callback)(void*,int,char**,char**), void *, char **errmsg)
    [WasmExport("sqlite3_exec")]
    int Exec(int db, [CString] string sql, int callback, int argument, out int errorMessage);

    // int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte, sqlite3_stmt **ppStmt, const char **pzTail):
    // the SQL is the caller's guest buffer, since the tail points into it.
    [WasmExport("sqlite3_prepare_v2")]
    int Prepare(int db, int sql, int byteCount, out int statement, out int tail);

    // int sqlite3_bind_text(sqlite3_stmt*, int, const char*, int n, void(*)(void*)): n = -1 reads to the NUL.
    [WasmExport("sqlite3_bind_text")]
    int BindText(int statement, int index, [CString] string text, int byteCount, int destructor);

    [WasmExport("sqlite3_bind_zeroblob")]
    int BindZeroBlob(int statement, int index, int byteCount);

    // int sqlite3_bind_blob(sqlite3_stmt*, int, const void*, int n, void(*)(void*))
    [WasmExport("sqlite3_bind_blob")]
    int BindBlob(int statement, int index, ReadOnlySpan<byte> data, int destructor);

    [WasmExport("sqlite3_bind_double")]
    int BindDouble(int statement, int index, double value);

    [WasmExport("sqlite3_step")]
    int Step(int statement);

    [WasmExport("sqlite3_reset")]
    int Reset(int statement);

    [WasmExport("sqlite3_finalize")]
    int FinalizeStatement(int statement);

    [WasmExport("sqlite3_column_count")]
    int ColumnCount(int statement);

    [WasmExport("sqlite3_column_name")]
    [return: CString]
    string ColumnName(int statement, int column);

    [WasmExport("sqlite3_column_int")]
    int ColumnInt(int statement, int column);

    [WasmExport("sqlite3_column_double")]
    double ColumnDouble(int statement, int column);

    [WasmExport("sqlite3_column_text")]
    [return: CString]
    string? ColumnText(int statement, int column);

    // const void *sqlite3_column_blob(sqlite3_stmt*, int): valid until the next step, read with ColumnBytes.
    [WasmExport("sqlite3_column_blob")]
    int ColumnBlob(int statement, int column);

    [WasmExport("sqlite3_column_bytes")]
    int ColumnBytes(int statement, int column);

    [WasmExport("sqlite3_changes")]
    int Changes(int db);

    [WasmExport("sqlite3_last_insert_rowid")]
    long LastInsertRowId(int db);

    [WasmExport("sqlite3_errmsg")]
    [return: CString]
    string ErrorMessage(int db);

    [WasmExport("sqlite3_errcode")]
    int ErrorCode(int db);

    [WasmExport("sqlite3_errstr")]
    [return: CString]
    string ErrorString(int code);

    [WasmExport("sqlite3_free")]
    void Free(int pointer);

    [WasmExport("sqlite3_close_v2")]
    int Close(int db);
}

/// <summary>
/// @bokuweb/zstd-wasm 0.0.27: zstd built by emscripten -O3, memory exported, every import and export minified
/// (<c>a.a</c>..<c>a.e</c>, exports <c>f</c>..<c>v</c>). The package's glue, zstd.js, maps the names.
/// </summary>
[WasmModule(File = "zstd.wasm", Glue = "zstd.js")]
public interface IZstd
{
    // size_t ZSTD_compressBound(size_t srcSize)
    [WasmExport("ZSTD_compressBound")]
    uint CompressBound(uint sourceSize);

    // size_t ZSTD_compress(void *dst, size_t dstCapacity, const void *src, size_t srcSize, int compressionLevel):
    // the destination is the caller's span, its capacity the span's length.
    [WasmExport("ZSTD_compress")]
    uint Compress(Span<byte> destination, ReadOnlySpan<byte> source, int level);

    // size_t ZSTD_decompress(void *dst, size_t dstCapacity, const void *src, size_t compressedSize)
    [WasmExport("ZSTD_decompress")]
    uint Decompress(Span<byte> destination, ReadOnlySpan<byte> source);

    // unsigned ZSTD_isError(size_t code)
    [WasmExport("ZSTD_isError")]
    uint IsError(uint code);
}
