using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary><c>open-at</c> and directory listings.</summary>
public sealed partial class WasiHost
{
    private const int OpenCreate = 1, OpenDirectory = 2, OpenExclusive = 4, OpenTruncate = 8;

    /// <summary>
    /// <c>open-at(path-flags, path, open-flags, descriptor-flags)</c> under the sandbox: a directory opens as a
    /// directory descriptor (refused for writing: <c>is-directory</c>), <c>directory</c> asks for one
    /// (<c>not-directory</c> otherwise), and creating, truncating or writing needs a writable preopen (<c>not-permitted</c>).
    /// </summary>
    private WasiDescriptor OpenAt(WasiCall c, ValueBox handle, int pathFlags, string path, int openFlags, int flags)
    {
        WasiDescriptor from = Descriptor(c, handle);
        from.DirectoryOrThrow();
        WasiPreopenDirectory preopen = from.Preopen;
        List<string> components = WasiSandbox.Resolve(preopen, from.Components, path, (pathFlags & 1) != 0);
        string host = WasiSandbox.HostPath(preopen, components);
        bool write = (flags & FlagWrite) != 0;
        bool changes = write || (openFlags & (OpenCreate | OpenTruncate)) != 0 || (flags & FlagMutateDirectory) != 0;
        if (changes && !preopen.Writable)
        {
            throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
        }

        if (Directory.Exists(host))
        {
            if ((openFlags & OpenCreate) != 0 && (openFlags & OpenExclusive) != 0)
            {
                throw new WasiFilesystemException(WasiErrorCode.Exist);
            }

            if (write || (openFlags & OpenTruncate) != 0)
            {
                throw new WasiFilesystemException(WasiErrorCode.IsDirectory);
            }

            return new WasiDescriptor(preopen, components, null, read: true, write: false);
        }

        if ((openFlags & OpenDirectory) != 0)
        {
            throw new WasiFilesystemException(File.Exists(host) ? WasiErrorCode.NotDirectory : WasiErrorCode.NoEntry);
        }

        if (WasiSandbox.LinkTarget(host) is not null)
        {
            // A link left unfollowed (no symlink-follow) is not opened through.
            throw new WasiFilesystemException(WasiErrorCode.Loop);
        }

        bool exists = File.Exists(host);
        if (exists && (openFlags & OpenCreate) != 0 && (openFlags & OpenExclusive) != 0)
        {
            throw new WasiFilesystemException(WasiErrorCode.Exist);
        }

        if (!exists && (openFlags & OpenCreate) == 0)
        {
            throw new WasiFilesystemException(WasiErrorCode.NoEntry);
        }

        FileMode mode = !exists ? FileMode.CreateNew : (openFlags & OpenTruncate) != 0 ? FileMode.Truncate : FileMode.Open;
        bool read = (flags & FlagRead) != 0 || !write;
        FileAccess access = write ? (read ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
        var file = File.OpenHandle(host, mode, access, FileShare.ReadWrite | FileShare.Delete);
        return new WasiDescriptor(preopen, components, file, read, write);
    }

    private void ReadDirectoryEntry(WasiCall c, ValueBox handle, int ret)
    {
        WasiDirectoryEntries entries = _table.Get<WasiDirectoryEntries>(handle.AsInt32(), WasiKind.DirectoryEntryStream, c.Operation);
        if (!entries.TryNext(out string name, out int type))
        {
            c.U8(ret, 0);
            c.U8(ret + 4, 0);
            return;
        }

        (int address, int length) = c.Utf8(name);
        c.U8(ret, 0);
        c.U8(ret + 4, 1);
        c.U8(ret + 8, type);
        c.List(ret + 12, address, length);
    }
}

/// <summary>A directory's entries (<c>.</c> and <c>..</c> left out), in ordinal order, read when the stream is made.</summary>
internal sealed class WasiDirectoryEntries
{
    private readonly (string Name, int Type)[] _entries;
    private int _next;

    public WasiDirectoryEntries(string directory)
    {
        _entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Select(e => (e.Name, e.LinkTarget is not null ? 5 : e is DirectoryInfo ? 3 : 6))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public bool TryNext(out string name, out int type)
    {
        if (_next >= _entries.Length)
        {
            name = string.Empty;
            type = 0;
            return false;
        }

        (name, type) = _entries[_next++];
        return true;
    }
}
