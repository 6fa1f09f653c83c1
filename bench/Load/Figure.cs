using System.Globalization;

namespace Bench.Load;

/// <summary>Number formatting for the table: thousands separators, "n/a" for what was not measured.</summary>
public static class Figure
{
    public static string Of(double value, int decimals = 0) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Ratio(double product, double bare) =>
        bare == 0 || double.IsNaN(product) || double.IsNaN(bare) ? "n/a" : (product / bare).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>"yes" / "**no**" against a target, so a missed one stands out.</summary>
    public static string Met(bool met) => met ? "yes" : "**no**";
}
