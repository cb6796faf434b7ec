using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Wasmtime;

namespace Bindgen.Internals;

/// <summary>
/// <c>wasi:filesystem</c>'s times and links: <c>set-times</c>, <c>set-times-at</c>, <c>symlink-at</c> and
/// <c>link-at</c>, inside the preopens like every other path (a read-only preopen refuses them with
/// <c>not-permitted</c>). A component that imports <c>wasi:filesystem/types</c> itself lowers every function of it,
/// so without these it would leave the host for the fallback.
/// </summary>
public sealed partial class WasiHost
{
    private static void AddTimesAndLinks()
    {
        // set-times(self, access: new-timestamp, modification: new-timestamp): each new-timestamp flat as (case, seconds, nanoseconds).
        AddFile("[method]descriptor.set-times", "iiliilii", 1, static (h, c, a, ret) =>
        {
            WasiDescriptor d = h.Descriptor(c, a[0]);
            if (!d.Preopen.Writable)
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            SetTimes(d.HostPath, a.Slice(1, 3), a.Slice(4, 3));
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.set-times-at", "iiiiiliilii", 1, static (h, c, a, ret) =>
        {
            if (!h.Descriptor(c, a[0]).Preopen.Writable)
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            SetTimes(h.PathAt(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32()), a.Slice(4, 3), a.Slice(7, 3));
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.symlink-at", "iiiiii", 1, static (h, c, a, ret) =>
        {
            string target = c.String(a[1].AsInt32(), a[2].AsInt32());
            WasiDescriptor d = h.Descriptor(c, a[0]);
            d.DirectoryOrThrow();
            // An absolute target would name the host's file system, not the preopen: refused as Wasmtime refuses it.
            if (!d.Preopen.Writable || target.StartsWith("/", StringComparison.Ordinal))
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            string link = WasiSandbox.HostPath(d.Preopen, WasiSandbox.Resolve(d.Preopen, d.Components, c.String(a[3].AsInt32(), a[4].AsInt32()), followLast: false));
            ThrowIfPresent(link);
            File.CreateSymbolicLink(link, target);
            c.U8(ret, 0);
        });
        AddFile("[method]descriptor.link-at", "iiiiiiii", 1, static (h, c, a, ret) =>
        {
            string existing = h.PathAt(c, a[0], a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32());
            WasiDescriptor from = h.Descriptor(c, a[0]), to = h.Descriptor(c, a[4]);
            to.DirectoryOrThrow();
            if (!from.Preopen.Writable || !to.Preopen.Writable)
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            string link = WasiSandbox.HostPath(to.Preopen, WasiSandbox.Resolve(to.Preopen, to.Components, c.String(a[5].AsInt32(), a[6].AsInt32()), followLast: false));
            if (Directory.Exists(existing))
            {
                throw new WasiFilesystemException(WasiErrorCode.NotPermitted);
            }

            if (!File.Exists(existing))
            {
                throw new WasiFilesystemException(WasiErrorCode.NoEntry);
            }

            ThrowIfPresent(link);
            HardLink(existing, link);
            c.U8(ret, 0);
        });
    }

    private static void ThrowIfPresent(string path)
    {
        if (File.Exists(path) || Directory.Exists(path) || WasiSandbox.LinkTarget(path) is not null)
        {
            throw new WasiFilesystemException(WasiErrorCode.Exist);
        }
    }

    /// <summary>Applies two <c>new-timestamp</c>s (<c>no-change</c>, <c>now</c>, <c>timestamp(datetime)</c>), each as its three flat values.</summary>
    private static void SetTimes(string path, ReadOnlySpan<ValueBox> access, ReadOnlySpan<ValueBox> modification)
    {
        bool directory = Directory.Exists(path);
        if (!directory && !File.Exists(path))
        {
            throw new WasiFilesystemException(WasiErrorCode.NoEntry);
        }

        if (Time(access) is { } accessed)
        {
            if (directory)
            {
                Directory.SetLastAccessTimeUtc(path, accessed);
            }
            else
            {
                File.SetLastAccessTimeUtc(path, accessed);
            }
        }

        if (Time(modification) is { } modified)
        {
            if (directory)
            {
                Directory.SetLastWriteTimeUtc(path, modified);
            }
            else
            {
                File.SetLastWriteTimeUtc(path, modified);
            }
        }
    }

    private static DateTime? Time(ReadOnlySpan<ValueBox> timestamp) => timestamp[0].AsInt32() switch
    {
        0 => null,
        1 => DateTime.UtcNow,
        2 => DateTime.UnixEpoch.AddTicks(checked(((long)(ulong)timestamp[1].AsInt64() * TimeSpan.TicksPerSecond) + ((uint)timestamp[2].AsInt32() / 100))),
        _ => throw new WasiFilesystemException(WasiErrorCode.Invalid),
    };

    /// <summary>A hard link: POSIX <c>link</c>; .NET has no API for it, and on Windows the host reports <c>unsupported</c>.</summary>
    private static unsafe void HardLink(string existing, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new WasiFilesystemException(WasiErrorCode.Unsupported);
        }

        byte[] from = Encoding.UTF8.GetBytes(existing + "\0"), to = Encoding.UTF8.GetBytes(link + "\0");
        fixed (byte* f = from, t = to)
        {
            if (PosixLink(f, t) != 0)
            {
                throw new WasiFilesystemException(Marshal.GetLastPInvokeError() switch
                {
                    1 => WasiErrorCode.NotPermitted,
                    2 => WasiErrorCode.NoEntry,
                    13 => WasiErrorCode.Access,
                    17 => WasiErrorCode.Exist,
                    18 => WasiErrorCode.CrossDevice,
                    31 => WasiErrorCode.TooManyLinks,
                    _ => WasiErrorCode.Io,
                });
            }
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern unsafe int PosixLink(byte* existing, byte* link);
}
