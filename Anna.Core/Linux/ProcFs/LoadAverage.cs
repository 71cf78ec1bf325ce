using System.Globalization;

namespace Anna.Core.Linux.ProcFs;

/// <summary>/proc/loadavg: "0.52 0.58 0.59 1/467 12345"; the first field is the 1-minute load.</summary>
public static class LoadAverage
{
    public static double? OneMinute(string text)
    {
        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && double.TryParse(first, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load) ? load : null;
    }
}
