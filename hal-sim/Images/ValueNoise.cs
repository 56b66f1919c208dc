namespace CardFirmware.HalSim.Images;

/// <summary>
/// Smooth random texture over the sensor window: uniform values on a grid of
/// <c>cellPixels</c>-sized cells, bilinearly interpolated. Values in [0, 1).
/// </summary>
internal sealed class ValueNoise
{
    private readonly double[] _grid;
    private readonly int _cells;
    private readonly double _cellPixels;

    /// <summary>Draws a fresh grid from <paramref name="random"/>.</summary>
    public ValueNoise(SeededRandom random, int cellPixels)
    {
        _cellPixels = cellPixels;
        _cells = SensorFrame.Width / cellPixels + 2;
        _grid = new double[_cells * _cells];
        for (var i = 0; i < _grid.Length; i++)
        {
            _grid[i] = random.NextDouble();
        }
    }

    /// <summary>The texture at sensor pixel (<paramref name="column"/>, <paramref name="row"/>).</summary>
    public double At(int column, int row)
    {
        var gx = column / _cellPixels;
        var gy = row / _cellPixels;
        var x0 = (int)gx;
        var y0 = (int)gy;
        var fx = gx - x0;
        var fy = gy - y0;
        var i = y0 * _cells + x0;
        var top = _grid[i] + (_grid[i + 1] - _grid[i]) * fx;
        var bottom = _grid[i + _cells] + (_grid[i + _cells + 1] - _grid[i + _cells]) * fx;
        return top + (bottom - top) * fy;
    }
}
