namespace Anna.Core.Prediction;

/// <summary>The models' one order statistic: the k-th smallest value, found in place.</summary>
internal static class QuickSelect
{
    // Hoare's quickselect: the k-th smallest in O(n) on average, in place, no allocation.
    public static double Select(Span<double> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[(left + right) >> 1];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return values[k];
        }
        return values[k];
    }
}
