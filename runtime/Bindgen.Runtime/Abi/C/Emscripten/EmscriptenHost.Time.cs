using System;
using System.Text;

namespace Bindgen;

/// <summary>The time-zone and calendar imports: <c>struct tm</c> read and written as emscripten's JavaScript does.</summary>
internal sealed partial class EmscriptenHost
{
    // struct tm in wasm32: nine ints (sec, min, hour, mday, mon, year, wday, yday, isdst), then long tm_gmtoff.
    private const int TmSize = 40;

    private long TimeZoneSet(ReadOnlySpan<Wasmtime.ValueBox> arguments, string label)
    {
        GuestMemory memory = GuestMemory(label);
        int timezone = arguments[0].AsInt32();
        int daylight = arguments[1].AsInt32();
        int standardName = arguments[2].AsInt32();
        int daylightName = arguments.Length > 3 ? arguments[3].AsInt32() : 0;
        int year = _imports.Time.GetUtcNow().Year;
        // Minutes west of UTC, as JavaScript's getTimezoneOffset.
        int winter = -(int)_imports.TimeZone.GetUtcOffset(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)).TotalMinutes;
        int summer = -(int)_imports.TimeZone.GetUtcOffset(new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Unspecified)).TotalMinutes;
        memory.CheckRange(timezone, 4, label);
        memory.CheckRange(daylight, 4, label);
        memory.WriteValue(timezone, Math.Max(winter, summer) * 60, label);
        memory.WriteValue(daylight, winter != summer ? 1 : 0, label);
        if (arguments.Length > 3)
        {
            // Newer emscripten: the two zone names, 17 bytes each at most, standard first.
            string winterName = ZoneName(winter);
            string summerName = ZoneName(summer);
            bool summerIsDaylight = summer < winter;
            WriteName(memory, summerIsDaylight ? winterName : summerName, standardName, label);
            WriteName(memory, summerIsDaylight ? summerName : winterName, daylightName, label);
        }

        return 0;
    }

    private static string ZoneName(int minutesWest)
    {
        int absolute = Math.Abs(minutesWest);
        return $"UTC{(minutesWest >= 0 ? "-" : "+")}{absolute / 60:00}{absolute % 60:00}";
    }

    private static void WriteName(GuestMemory memory, string name, int address, string label)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name + "\0");
        memory.Write(address, bytes.AsSpan(0, Math.Min(bytes.Length, 17)), label);
    }

    private long WriteTime(long seconds, int tm, bool local, string label)
    {
        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(tm, TmSize, label);
        DateTimeOffset utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
        DateTimeOffset time = local ? TimeZoneInfo.ConvertTime(utc, _imports.TimeZone) : utc;
        Span<int> fields = stackalloc int[10];
        fields[0] = time.Second;
        fields[1] = time.Minute;
        fields[2] = time.Hour;
        fields[3] = time.Day;
        fields[4] = time.Month - 1;
        fields[5] = time.Year - 1900;
        fields[6] = (int)time.DayOfWeek;
        fields[7] = time.DayOfYear - 1;
        fields[8] = local && _imports.TimeZone.IsDaylightSavingTime(time) ? 1 : 0;
        fields[9] = (int)time.Offset.TotalSeconds;
        memory.Write<int>(tm, fields, label);
        return 0;
    }

    /// <summary>mktime/timegm: the fields, normalized as C's are (a 32nd of January is the 1st of February), to seconds.</summary>
    private long MakeTime(int tm, bool local, string label)
    {
        GuestMemory memory = GuestMemory(label);
        memory.CheckRange(tm, TmSize, label);
        Span<int> fields = stackalloc int[9];
        memory.ReadInto<int>(tm, fields, label);
        DateTime wall;
        try
        {
            wall = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)
                .AddYears(fields[5]).AddMonths(fields[4]).AddDays(fields[3] - 1)
                .AddHours(fields[2]).AddMinutes(fields[1]).AddSeconds(fields[0]);
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1; // not representable, as mktime says
        }

        TimeSpan offset = local ? _imports.TimeZone.GetUtcOffset(wall) : TimeSpan.Zero;
        long seconds = new DateTimeOffset(wall, offset).ToUnixTimeSeconds();
        WriteTime(seconds, tm, local, label);
        return seconds;
    }
}
