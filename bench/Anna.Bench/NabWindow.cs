namespace Anna.Bench;

/// <summary>One labelled anomaly window of a NAB file, as row indexes (both inclusive).</summary>
internal readonly record struct NabWindow(int First, int Last)
{
    public int Width => Last - First + 1;
}
