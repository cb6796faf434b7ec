using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Bindgen.Internals;

/// <summary><c>wasi:filesystem/types</c>' <c>error-code</c>, in the interface's order.</summary>
internal enum WasiErrorCode
{
    Access, WouldBlock, Already, BadDescriptor, Busy, Deadlock, Quota, Exist, FileTooLarge, IllegalByteSequence,
    InProgress, Interrupted, Invalid, Io, IsDirectory, Loop, TooManyLinks, MessageSize, NameTooLong, NoDevice,
    NoEntry, NoLock, InsufficientMemory, InsufficientSpace, NotDirectory, NotEmpty, NotRecoverable, Unsupported,
    NoTty, NoSuchDevice, Overflow, NotPermitted, Pipe, ReadOnly, InvalidSeek, TextFileBusy, CrossDevice,
}

/// <summary>A filesystem failure the guest sees as an <c>error-code</c>.</summary>
internal sealed class WasiFilesystemException : Exception
{
    public WasiFilesystemException(WasiErrorCode code)
        : base(code.ToString()) => Code = code;

    public WasiErrorCode Code { get; }
}

/// <summary>Maps .NET's file exceptions to WASI error codes.</summary>
internal static class WasiErrors
{
    public static WasiErrorCode? Of(Exception e) => e switch
    {
        WasiFilesystemException f => f.Code,
        FileNotFoundException or DirectoryNotFoundException => WasiErrorCode.NoEntry,
        UnauthorizedAccessException => WasiErrorCode.Access,
        PathTooLongException => WasiErrorCode.NameTooLong,
        IOException => WasiErrorCode.Io,
        _ => null,
    };
}

/// <summary>A preopened directory: the host folder (full path) the guest knows by <see cref="GuestPath"/>.</summary>
internal sealed record WasiPreopenDirectory(string Root, string GuestPath, bool Writable)
{
    public static WasiPreopenDirectory[] From(IList<WasiPreopen> preopens)
    {
        var directories = new WasiPreopenDirectory[preopens.Count];
        for (int i = 0; i < directories.Length; i++)
        {
            directories[i] = new WasiPreopenDirectory(Path.GetFullPath(preopens[i].HostPath).TrimEnd('/', '\\'), preopens[i].GuestPath, preopens[i].Writable);
        }

        return directories;
    }
}

/// <summary>
/// An open <c>descriptor</c>: a directory (its path inside the preopen, as components) or a file (an open handle).
/// Every path the guest passes is resolved from a directory descriptor by <see cref="WasiSandbox"/>.
/// </summary>
internal sealed class WasiDescriptor : IDisposable
{
    public WasiDescriptor(WasiPreopenDirectory preopen, IReadOnlyList<string> components, SafeFileHandle? file, bool read, bool write)
    {
        Preopen = preopen;
        Components = components;
        File = file;
        CanRead = read;
        CanWrite = write;
    }

    public WasiPreopenDirectory Preopen { get; }

    /// <summary>The path below the preopen's root, one name each (never <c>.</c> or <c>..</c>).</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>The open file; null for a directory.</summary>
    public SafeFileHandle? File { get; }

    public bool CanRead { get; }

    public bool CanWrite { get; }

    public string HostPath => WasiSandbox.HostPath(Preopen, Components);

    public SafeFileHandle FileOrThrow() => File ?? throw new WasiFilesystemException(WasiErrorCode.BadDescriptor);

    public void DirectoryOrThrow()
    {
        if (File is not null)
        {
            throw new WasiFilesystemException(WasiErrorCode.NotDirectory);
        }
    }

    public void Dispose() => File?.Dispose();
}

/// <summary>
/// Resolves a guest path inside a preopened directory with the rules Wasmtime's sandbox (cap-std) keeps: no absolute
/// path, no <c>..</c> above the preopen's root, and symbolic links followed component by component under the same
/// rules (a link to an absolute path or out of the root is refused), at most 40 of them. What it returns is always a
/// path under the root; it never asks the host to resolve <c>..</c> or a link itself.
/// </summary>
internal static class WasiSandbox
{
    private const int MaxLinks = 40;

    public static string HostPath(WasiPreopenDirectory preopen, IReadOnlyList<string> components) =>
        components.Count == 0 ? preopen.Root : preopen.Root + Path.DirectorySeparatorChar + string.Join(Path.DirectorySeparatorChar, components);

    /// <summary>The components of <paramref name="path"/> resolved from <paramref name="from"/> (a directory's components).</summary>
    /// <param name="preopen">The preopen whose root bounds the path.</param>
    /// <param name="from">The directory the path is relative to.</param>
    /// <param name="path">The guest's path.</param>
    /// <param name="followLast">Whether a link in the last component is followed.</param>
    /// <exception cref="WasiFilesystemException">The path escapes the root (<c>not-permitted</c>), loops (<c>loop</c>), or is malformed (<c>invalid</c>).</exception>
    public static List<string> Resolve(WasiPreopenDirectory preopen, IReadOnlyList<string> from, string path, bool followLast)
    {
        if (path.Length == 0)
        {
            throw new WasiFilesystemException(WasiErrorCode.NoEntry);
        }

        if (path.IndexOf('\0') >= 0 || (Path.DirectorySeparatorChar == '\\' && path.IndexOf('\\') >= 0))
        {
            throw new WasiFilesystemException(WasiErrorCode.Invalid);
        }

        if (path[0] == '/')
        {
            throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
        }

        var resolved = new List<string>(from);
        var pending = new LinkedList<string>(path.Split('/'));
        int links = 0;
        while (pending.First is { } next)
        {
            pending.RemoveFirst();
            string name = next.Value;
            if (name.Length == 0 || name == ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (resolved.Count == 0)
                {
                    throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(name);
            bool last = pending.Count == 0 || AllEmpty(pending);
            if (last && !followLast)
            {
                continue;
            }

            string? target = LinkTarget(HostPath(preopen, resolved));
            if (target is null)
            {
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new WasiFilesystemException(WasiErrorCode.Loop);
            }

            if (target.StartsWith("/", StringComparison.Ordinal) || Path.IsPathRooted(target))
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            resolved.RemoveAt(resolved.Count - 1);
            string[] parts = target.Split('/');
            for (int i = parts.Length - 1; i >= 0; i--)
            {
                pending.AddFirst(parts[i]);
            }
        }

        return resolved;
    }

    private static bool AllEmpty(LinkedList<string> pending)
    {
        foreach (string name in pending)
        {
            if (name.Length != 0 && name != ".")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The target of a symbolic link, or null when the path is not one (or does not exist).</summary>
    public static string? LinkTarget(string hostPath) => new FileInfo(hostPath).LinkTarget;
}
