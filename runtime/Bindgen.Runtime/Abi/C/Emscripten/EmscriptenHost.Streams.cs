using System;
using System.IO;

namespace Bindgen;

/// <summary>The WASI file-descriptor imports emscripten uses, on the three standard streams only.</summary>
internal sealed partial class EmscriptenHost
{
    private long Write(int descriptor, int vectors, int count, int writtenAddress, string label)
    {
        if (descriptor is not (1 or 2))
        {
            return BadFileDescriptor;
        }

        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(writtenAddress, 4, label);
        Stream? stream = descriptor == 1 ? _imports.StandardOutput : _imports.StandardError;
        long written = 0;
        for (int i = 0; i < count; i++)
        {
            // Each iovec is { const void *buf; size_t len; }, checked before it is read.
            int address = memory.ReadValue<int>(vectors + (8 * i), label);
            int length = memory.ReadValue<int>(vectors + (8 * i) + 4, label);
            byte[] bytes = new byte[(uint)length > int.MaxValue ? throw new GuestPointerOutOfBoundsException(label, (uint)address, (uint)length, memory.Length) : length];
            memory.ReadInto(address, bytes, label);
            stream?.Write(bytes);
            written += length;
        }

        stream?.Flush();
        memory.WriteValue(writtenAddress, unchecked((int)written), label);
        return Success;
    }

    private long Read(int descriptor, int vectors, int count, int readAddress, string label)
    {
        if (descriptor != 0)
        {
            return BadFileDescriptor;
        }

        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(readAddress, 4, label);
        long read = 0;
        for (int i = 0; i < count; i++)
        {
            int address = memory.ReadValue<int>(vectors + (8 * i), label);
            int length = memory.ReadValue<int>(vectors + (8 * i) + 4, label);
            memory.CheckRange(address, length, label);
            byte[] bytes = new byte[length];
            int got = _imports.StandardInput?.Read(bytes, 0, length) ?? 0;
            memory.Write(address, bytes.AsSpan(0, got), label);
            read += got;
            if (got < length)
            {
                break;
            }
        }

        memory.WriteValue(readAddress, unchecked((int)read), label);
        return Success;
    }

    private long FileDescriptorStatus(int descriptor, int status, string label)
    {
        if (!IsStandardStream(descriptor))
        {
            return BadFileDescriptor;
        }

        // struct fdstat { u8 filetype; u16 flags; u64 rights_base; u64 rights_inheriting; }: a character device.
        Span<byte> fields = stackalloc byte[24];
        fields.Clear();
        fields[0] = 2;
        GuestMemory(label).Write(status, fields, label);
        return Success;
    }
}
