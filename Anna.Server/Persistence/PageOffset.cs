namespace Anna.Server.Persistence;

/// <summary>How many rows come before a page: computed in 64 bits, so page 2,147,483,647 is past the end, not an overflow.</summary>
internal static class PageOffset
{
    public static int Of(int page, int pageSize) => (int)Math.Min((long)(Math.Max(page, 1) - 1) * pageSize, int.MaxValue);
}
