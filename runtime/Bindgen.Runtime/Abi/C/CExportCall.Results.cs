using System;

namespace Bindgen.Internals;

/// <summary>The end of a call: its result read through fresh views, what it holds freed, the gate left.</summary>
public partial struct CExportCall
{
    /// <summary>
    /// The failure path of the export's invocation, for generated code's <c>catch</c>: a Wasmtime failure becomes
    /// Bindgen's exception naming the export, returned to be thrown; any other exception is rethrown here with its
    /// stack trace. What the call holds is freed first (a failing free recorded on the exception) and the gate left.
    /// </summary>
    /// <param name="failure">The exception the invocation threw.</param>
    /// <returns>The exception to throw in place of a Wasmtime failure.</returns>
    [MayGrowMemory]
    public Exception Failed(Exception failure) => Failed(failure, default);

    /// <summary>Ends a call without a result.</summary>
    /// <exception cref="GuestCleanupException">A free failed.</exception>
    [MayGrowMemory]
    public void Done()
    {
        try
        {
            _memory.Release(default, _block, _operation);
        }
        catch (Exception failure) when (_entered.Failed(failure))
        {
            throw;
        }
        finally
        {
            _entered.Leave();
        }
    }

    /// <summary>Ends a call whose result the export returned directly.</summary>
    /// <param name="result">The method's result.</param>
    /// <returns><paramref name="result"/>.</returns>
    /// <exception cref="GuestCleanupException">A free failed; it carries the result.</exception>
    [MayGrowMemory]
    public T Done<T>(T result) => Release(result, default);

    /// <summary>Ends a call that returns a string through its return area.</summary>
    [MayGrowMemory]
    public string Utf8Result()
    {
        GuestRange owned = default;
        string result;
        try
        {
            owned = _memory.ReadReturnArea(_block, _operation);
            result = _memory.ReadUtf8(owned, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, owned);
        }

        return Release(result, owned);
    }

    /// <summary>Ends a call that returns a byte array through its return area.</summary>
    [MayGrowMemory]
    public byte[] BytesResult()
    {
        GuestRange owned = default;
        byte[] result;
        try
        {
            owned = _memory.ReadReturnArea(_block, _operation);
            result = _memory.ReadBytes(owned, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, owned);
        }

        return Release(result, owned);
    }

    /// <summary>Ends a call that returns an array (a pointer and an element count) through its return area.</summary>
    [MayGrowMemory]
    public unsafe T[] ArrayResult<T>()
        where T : unmanaged
    {
        GuestRange owned = default;
        T[] result;
        try
        {
            owned = _memory.ReadArrayReturnArea(_block, sizeof(T), _operation);
            result = _memory.ReadArray<T>(owned.Address, owned.Length / sizeof(T), _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, owned);
        }

        return Release(result, owned);
    }

    /// <summary>Ends a call that returns a struct in the room at the block's start (clang's <c>sret</c>).</summary>
    [MayGrowMemory]
    public T ValueResult<T>()
        where T : unmanaged
    {
        T result;
        try
        {
            result = _memory.ReadValue<T>(_block.Address, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, default);
        }

        return Release(result, default);
    }

    /// <summary>Ends a call by copying the span argument back (the guest may have written it), then as <see cref="Done{T}"/>.</summary>
    /// <param name="result">The method's result.</param>
    /// <param name="values">The span argument.</param>
    [MayGrowMemory]
    public TResult CopyBack<T, TResult>(TResult result, Span<T> values)
        where T : unmanaged
    {
        try
        {
            _memory.ReadInto(_address, values, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, default);
        }

        return Release(result, default);
    }

    /// <summary>Ends a call without a result by copying the span argument back, then as <see cref="Done()"/>.</summary>
    /// <param name="values">The span argument.</param>
    [MayGrowMemory]
    public void CopyBack<T>(Span<T> values)
        where T : unmanaged
    {
        try
        {
            _memory.ReadInto(_address, values, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, default);
        }

        Done();
    }

    /// <summary>Ends a call without a result by reading back its <c>ref</c> or <c>out</c> parameter, then as <see cref="Done()"/>.</summary>
    /// <param name="value">The parameter.</param>
    [MayGrowMemory]
    public void ReadBack<T>(out T value)
        where T : unmanaged
    {
        try
        {
            value = _memory.ReadValue<T>(_address, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, default);
        }

        Done();
    }

    /// <summary>Ends a call by reading the value its pointer argument points at (a <c>ref</c> or <c>out</c> parameter), then as <see cref="Done{T}"/>.</summary>
    /// <param name="result">The method's result.</param>
    /// <param name="value">The parameter.</param>
    [MayGrowMemory]
    public TResult ReadBack<T, TResult>(TResult result, out T value)
        where T : unmanaged
    {
        try
        {
            value = _memory.ReadValue<T>(_address, _operation);
        }
        catch (Exception failure)
        {
            throw Failed(failure, default);
        }

        return Release(result, default);
    }

    private Exception Failed(Exception failure, GuestRange owned)
    {
        try
        {
            Exception outcome = _memory.CallFailed(failure, owned, _block, _operation);
            _entered.Failed(outcome);
            return outcome;
        }
        catch (Exception rethrown) when (_entered.Failed(rethrown))
        {
            throw;
        }
        finally
        {
            _entered.Leave();
        }
    }

    private T Release<T>(T result, GuestRange owned)
    {
        try
        {
            return _memory.Release(result, owned, _block, _operation);
        }
        catch (Exception failure) when (_entered.Failed(failure))
        {
            throw;
        }
        finally
        {
            _entered.Leave();
        }
    }
}
