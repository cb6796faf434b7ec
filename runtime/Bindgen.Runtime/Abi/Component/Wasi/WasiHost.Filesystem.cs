using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// <c>wasi:filesystem</c> over the preopened directories (<see cref="WasiSandbox"/> keeps every path inside them). A
/// read-only preopen refuses whatever would change it with <c>not-permitted</c>, as Wasmtime does.
/// </summary>
public sealed partial class WasiHost
{
    private const int FlagRead = 1, FlagWrite = 2, FlagMutateDirectory = 32;

    private delegate void FileOperation(WasiHost host, WasiCall call, ReadOnlySpan<ValueBox> arguments, int ret);

    /// <summary>Adds a function returning <c>result&lt;T, error-code&gt;</c> at the last argument, T's payload at <paramref name="payload"/>: a thrown file error becomes the <c>err</c> case.</summary>
    private static void AddFile(string function, string parameters, int payload, FileOperation operation) =>
        Add("wasi:filesystem/types", function, parameters, string.Empty, (h, c, a, _) =>
        {
            int ret = a[a.Length - 1].AsInt32();
            try
            {
                operation(h, c, a, ret);
                return;
            }
            catch (Exception e) when (WasiErrors.Of(e) is { } code)
            {
                c.U8(ret, 1);
                c.U8(ret + payload, (int)code);
            }
        });

    private static void AddFilesystem()
    {
        Add("wasi:filesystem/preopens", "get-directories", "i", "", static (h, c, a, _) => h.Preopens(c, a[0].AsInt32()));
        Add("wasi:filesystem/types", "filesystem-error-code", "ii", "", static (h, c, a, _) =>
        {
            WasiErrorCode? code = h._table.Get<WasiError>(a[0].AsInt32(), WasiKind.Error, c.Operation).Code;
            c.U8(a[1].AsInt32(), code is null ? 0 : 1);
            c.U8(a[1].AsInt32() + 1, (int)(code ?? 0));
        });
        Add("wasi:filesystem/types", "[method]descriptor.is-same-object", "ii", "i", static (h, c, a, r) =>
            r[0] = h.Descriptor(c, a[0]).HostPath == h.Descriptor(c, a[1]).HostPath ? 1 : 0);

        AddFile("[method]descriptor.read-via-stream", "ili", 4, static (h, c, a, ret) =>
        {
            WasiDescriptor d = h.Descriptor(c, a[0]);
            Own(c, ret, h._table.Add(WasiKind.InputStream, new WasiFileInput(d.FileOrThrow(), a[1].AsInt64())));
        });
        AddFile("[method]descriptor.write-via-stream", "ili", 4, static (h, c, a, ret) =>
            Own(c, ret, h._table.Add(WasiKind.OutputStream, new WasiFileOutput(h.Writable(c, a[0]), a[1].AsInt64(), append: false))));
        AddFile("[method]descriptor.append-via-stream", "ii", 4, static (h, c, a, ret) =>
            Own(c, ret, h._table.Add(WasiKind.OutputStream, new WasiFileOutput(h.Writable(c, a[0]), 0, append: true))));
        AddFile("[method]descriptor.advise", "illii", 1, static (h, c, a, ret) => Done(c, ret, h.Descriptor(c, a[0]).FileOrThrow()));
        AddFile("[method]descriptor.sync-data", "ii", 1, static (h, c, a, ret) => Done(c, ret, h.Descriptor(c, a[0])));
        AddFile("[method]descriptor.sync", "ii", 1, static (h, c, a, ret) => Done(c, ret, h.Descriptor(c, a[0])));
        AddFile("[method]descriptor.get-flags", "ii", 1, static (h, c, a, ret) =>
        {
            WasiDescriptor d = h.Descriptor(c, a[0]);
            int flags = d.File is null ? FlagRead | (d.Preopen.Writable ? FlagMutateDirectory : 0) : (d.CanRead ? FlagRead : 0) | (d.CanWrite ? FlagWrite : 0);
            Small(c, ret, flags);
        });
        AddFile("[method]descriptor.get-type", "ii", 1, static (h, c, a, ret) => Small(c, ret, h.Descriptor(c, a[0]).File is null ? 3 : 6));
        AddFile("[method]descriptor.set-size", "ili", 1, static (h, c, a, ret) =>
        {
            RandomAccess.SetLength(h.Writable(c, a[0]), a[1].AsInt64());
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.read", "illi", 4, static (h, c, a, ret) =>
        {
            WasiDescriptor d = h.Descriptor(c, a[0]);
            if (!d.CanRead)
            {
                throw new WasiFilesystemException(WasiErrorCode.BadDescriptor);
            }

            byte[] buffer = new byte[(int)Math.Min(Math.Max(a[1].AsInt64(), 0), Chunk)];
            int read = RandomAccess.Read(d.FileOrThrow(), buffer, a[2].AsInt64());
            int address = c.Bytes(buffer.AsSpan(0, read));
            c.U8(ret, 0);
            c.List(ret + 4, address, read);
            c.U8(ret + 12, read == 0 && buffer.Length > 0 ? 1 : 0);
        });
        AddFile("[method]descriptor.write", "iiili", 8, static (h, c, a, ret) =>
        {
            Microsoft.Win32.SafeHandles.SafeFileHandle file = h.Writable(c, a[0]);
            int length = a[2].AsInt32();
            RandomAccess.Write(file, c.Read(a[1].AsInt32(), length), a[3].AsInt64());
            c.U8(ret, 0);
            c.I64(ret + 8, length);
        });
        AddFile("[method]descriptor.read-directory", "ii", 4, static (h, c, a, ret) =>
        {
            WasiDescriptor d = h.Descriptor(c, a[0]);
            d.DirectoryOrThrow();
            Own(c, ret, h._table.Add(WasiKind.DirectoryEntryStream, new WasiDirectoryEntries(d.HostPath)));
        });
        Add("wasi:filesystem/types", "[method]directory-entry-stream.read-directory-entry", "ii", "", static (h, c, a, _) =>
            h.ReadDirectoryEntry(c, a[0], a[1].AsInt32()));
        AddFile("[method]descriptor.create-directory-at", "iiii", 1, static (h, c, a, ret) =>
        {
            string path = h.At(c, a, mutate: true, followLast: false);
            if (Directory.Exists(path) || File.Exists(path))
            {
                throw new WasiFilesystemException(WasiErrorCode.Exist);
            }

            Directory.CreateDirectory(path);
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.remove-directory-at", "iiii", 1, static (h, c, a, ret) =>
        {
            string path = h.At(c, a, mutate: true, followLast: false);
            if (!Directory.Exists(path))
            {
                throw new WasiFilesystemException(File.Exists(path) ? WasiErrorCode.NotDirectory : WasiErrorCode.NoEntry);
            }

            if (Directory.EnumerateFileSystemEntries(path).GetEnumerator().MoveNext())
            {
                throw new WasiFilesystemException(WasiErrorCode.NotEmpty);
            }

            Directory.Delete(path);
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.unlink-file-at", "iiii", 1, static (h, c, a, ret) =>
        {
            string path = h.At(c, a, mutate: true, followLast: false);
            if (Directory.Exists(path) && WasiSandbox.LinkTarget(path) is null)
            {
                throw new WasiFilesystemException(WasiErrorCode.IsDirectory);
            }

            if (!File.Exists(path) && WasiSandbox.LinkTarget(path) is null)
            {
                throw new WasiFilesystemException(WasiErrorCode.NoEntry);
            }

            File.Delete(path);
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.readlink-at", "iiii", 4, static (h, c, a, ret) =>
        {
            string target = WasiSandbox.LinkTarget(h.At(c, a, mutate: false, followLast: false)) ?? throw new WasiFilesystemException(WasiErrorCode.Invalid);
            (int address, int length) = c.Utf8(target);
            c.U8(ret, 0);
            c.List(ret + 4, address, length);
        });
        AddFile("[method]descriptor.stat", "ii", 8, static (h, c, a, ret) => Stat(c, ret, h.Descriptor(c, a[0]).HostPath));
        AddFile("[method]descriptor.stat-at", "iiiii", 8, static (h, c, a, ret) => Stat(c, ret, h.PathAt(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32())));
        AddFile("[method]descriptor.metadata-hash", "ii", 8, static (h, c, a, ret) => Hash(c, ret, h.Descriptor(c, a[0]).HostPath));
        AddFile("[method]descriptor.metadata-hash-at", "iiiii", 8, static (h, c, a, ret) => Hash(c, ret, h.PathAt(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32())));
        AddFile("[method]descriptor.open-at", "iiiiiii", 4, static (h, c, a, ret) =>
            Own(c, ret, h._table.Add(WasiKind.Descriptor, h.OpenAt(c, a[0], a[1].AsInt32(), c.String(a[2].AsInt32(), a[3].AsInt32()), a[4].AsInt32(), a[5].AsInt32()))));
        AddFile("[method]descriptor.rename-at", "iiiiiii", 1, static (h, c, a, ret) =>
        {
            string from = h.At(c, a, mutate: true, followLast: false);
            WasiDescriptor target = h.Descriptor(c, a[3]);
            target.DirectoryOrThrow();
            if (!target.Preopen.Writable)
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            string to = WasiSandbox.HostPath(target.Preopen, WasiSandbox.Resolve(target.Preopen, target.Components, c.String(a[4].AsInt32(), a[5].AsInt32()), followLast: false));
            if (Directory.Exists(from))
            {
                Directory.Move(from, to);
            }
            else
            {
                File.Move(from, to, overwrite: true);
            }

            c.U8(ret, 0);
        });
    }

    private WasiDescriptor Descriptor(WasiCall c, ValueBox handle) => _table.Get<WasiDescriptor>(handle.AsInt32(), WasiKind.Descriptor, c.Operation);

    private Microsoft.Win32.SafeHandles.SafeFileHandle Writable(WasiCall c, ValueBox handle)
    {
        WasiDescriptor d = Descriptor(c, handle);
        return d.CanWrite ? d.FileOrThrow() : throw new WasiFilesystemException(WasiErrorCode.BadDescriptor);
    }

    /// <summary>The host path of <c>(self, path)</c> arguments 0, 1 and 2, checked to be allowed to change when <paramref name="mutate"/>.</summary>
    private string At(WasiCall c, ReadOnlySpan<ValueBox> a, bool mutate, bool followLast)
    {
        WasiDescriptor d = Descriptor(c, a[0]);
        d.DirectoryOrThrow();
        if (mutate && !d.Preopen.Writable)
        {
            throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
        }

        return WasiSandbox.HostPath(d.Preopen, WasiSandbox.Resolve(d.Preopen, d.Components, c.String(a[1].AsInt32(), a[2].AsInt32()), followLast));
    }

    private string PathAt(WasiCall c, ValueBox handle, int pathFlags, int address, int length)
    {
        WasiDescriptor d = Descriptor(c, handle);
        d.DirectoryOrThrow();
        return WasiSandbox.HostPath(d.Preopen, WasiSandbox.Resolve(d.Preopen, d.Components, c.String(address, length), (pathFlags & 1) != 0));
    }

    private static void Own(WasiCall c, int ret, int handle)
    {
        c.U8(ret, 0);
        c.I32(ret + 4, handle);
    }

    private static void Small(WasiCall c, int ret, int value)
    {
        c.U8(ret, 0);
        c.U8(ret + 1, value);
    }

    private static void Done(WasiCall c, int ret, object _) => c.U8(ret, 0);

    /// <summary><c>list&lt;tuple&lt;descriptor, string&gt;&gt;</c>: a new descriptor per preopen, each call.</summary>
    private void Preopens(WasiCall c, int ret)
    {
        int list = c.Allocate(4, checked(_preopens.Length * 12));
        var entries = new (int Handle, int Address, int Length)[_preopens.Length];
        for (int i = 0; i < _preopens.Length; i++)
        {
            int handle = _table.Add(WasiKind.Descriptor, new WasiDescriptor(_preopens[i], Array.Empty<string>(), null, read: true, write: false));
            (int address, int length) = c.Utf8(_preopens[i].GuestPath);
            entries[i] = (handle, address, length);
        }

        for (int i = 0; i < entries.Length; i++)
        {
            c.I32(list + (i * 12), entries[i].Handle);
            c.List(list + (i * 12) + 4, entries[i].Address, entries[i].Length);
        }

        c.List(ret, list, entries.Length);
    }

    private static void Stat(WasiCall c, int ret, string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
        {
            throw new WasiFilesystemException(WasiErrorCode.NoEntry);
        }

        int stat = ret + 8;
        c.U8(ret, 0);
        c.U8(stat, info.LinkTarget is not null && !info.Exists ? 5 : info is DirectoryInfo ? 3 : 6);
        c.I64(stat + 8, 1);
        c.I64(stat + 16, info is FileInfo file && file.Exists ? file.Length : 0);
        DateTime[] times = { info.LastAccessTimeUtc, info.LastWriteTimeUtc, info.LastWriteTimeUtc };
        for (int i = 0; i < 3; i++)
        {
            long ticks = times[i].Ticks - DateTime.UnixEpoch.Ticks;
            c.U8(stat + 24 + (i * 24), 1);
            c.I64(stat + 32 + (i * 24), ticks / TimeSpan.TicksPerSecond);
            c.I32(stat + 40 + (i * 24), (int)(ticks % TimeSpan.TicksPerSecond * 100));
        }
    }

    /// <summary>A hash that is the same for the same file (its full host path), as the interface asks.</summary>
    private static void Hash(WasiCall c, int ret, string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new WasiFilesystemException(WasiErrorCode.NoEntry);
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(path));
        c.U8(ret, 0);
        c.I64(ret + 8, BitConverter.ToInt64(hash, 0));
        c.I64(ret + 16, BitConverter.ToInt64(hash, 8));
    }
}
