namespace CardFirmware.HalSim.Images;

/// <summary>
/// Ridge orientation from the zero-pole model of Sherlock and Monro (1993), as used by SFinGe
/// (Cappelli, Maio, Maltoni): theta(z) = theta_inf + 1/2 [sum over cores arg(z - c) - sum over
/// deltas arg(z - d)], taken modulo pi (angles counter-clockwise with y up). Each core turns the orientation by +pi and each delta by -pi
/// along a small loop around it, which is what makes loops, whorls and arches. A few smooth random
/// waves are added so that two fingers of the same class still differ in their flow.
/// </summary>
internal sealed class OrientationField
{
    private readonly Singularity[] _singularities;
    private readonly double _baseAngle;
    private readonly double[] _waves;

    /// <summary>Builds a field; <paramref name="waves"/> holds (amplitude, kx, ky, phase) quadruples.</summary>
    public OrientationField(Singularity[] singularities, double baseAngle, double[] waves)
    {
        _singularities = singularities;
        _baseAngle = baseAngle;
        _waves = waves;
    }

    /// <summary>Ridge direction at (x, y) in radians, in [0, pi).</summary>
    public double At(double x, double y)
    {
        var angle = _baseAngle;
        foreach (var s in _singularities)
        {
            // Image rows grow downwards: flip y so the angles are the usual counter-clockwise ones.
            var arg = Math.Atan2(-(y - s.Y), x - s.X);
            angle += s.IsCore ? 0.5 * arg : -0.5 * arg;
        }

        for (var i = 0; i + 3 < _waves.Length; i += 4)
        {
            angle += _waves[i] * Math.Sin(_waves[i + 1] * x + _waves[i + 2] * y + _waves[i + 3]);
        }

        angle %= Math.PI;
        return angle < 0 ? angle + Math.PI : angle;
    }
}
