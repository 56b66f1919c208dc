namespace CardFirmware.CardTime;

/// <summary>An estimated card time as a range: fast card (<see cref="LowSeconds"/>) to slow card (<see cref="HighSeconds"/>).</summary>
public readonly record struct CardTimeEstimate(double LowSeconds, double HighSeconds)
{
    /// <summary>No card work.</summary>
    public static CardTimeEstimate Zero => default;

    /// <summary>The sum of two estimates.</summary>
    public static CardTimeEstimate operator +(CardTimeEstimate a, CardTimeEstimate b) =>
        new(a.LowSeconds + b.LowSeconds, a.HighSeconds + b.HighSeconds);

    /// <summary><paramref name="count"/> times <paramref name="estimate"/>.</summary>
    public static CardTimeEstimate operator *(long count, CardTimeEstimate estimate) =>
        new(count * estimate.LowSeconds, count * estimate.HighSeconds);

    /// <summary>For example "2.1-10.6 s" or "40-200 ms".</summary>
    public override string ToString() => HighSeconds < 1
        ? $"{LowSeconds * 1000:0.#}-{HighSeconds * 1000:0.#} ms"
        : $"{LowSeconds:0.#}-{HighSeconds:0.#} s";
}
