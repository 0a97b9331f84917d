using Polca.Hocon.Model;
using Polca.Hocon.Paths;

namespace Polca.Hocon.Includes;

/// <summary>
/// Fixes up the substitutions of a file included inside an object: <c>${x}</c> in a file included at <c>a</c>
/// becomes <c>${a.x}</c>, remembering <c>x</c> to look up when <c>a.x</c> does not exist. Returns a copy.
/// </summary>
internal static class SubstitutionPrefixer
{
    public static HoconObject Prefix(HoconObject root, HoconPath prefix) => (HoconObject)Rewrite(root, prefix);

    private static HoconValue Rewrite(HoconValue value, HoconPath prefix)
    {
        switch (value)
        {
            case HoconSubstitution substitution:
                return substitution.WithPrefix(prefix);
            case HoconObject obj:
                var copy = new HoconObject(obj.Origin) { IgnoresFallbacks = obj.IgnoresFallbacks };
                foreach (var (key, child) in obj.Items)
                {
                    copy.Set(key, Rewrite(child, prefix));
                }

                return copy;
            case HoconArray array:
                return new HoconArray(array.Items.Select(item => Rewrite(item, prefix)), array.Origin);
            case HoconConcatenation concatenation:
                return new HoconConcatenation([.. concatenation.Pieces.Select(piece => Rewrite(piece, prefix))], concatenation.Origin);
            case HoconMergeStack stack:
                return new HoconMergeStack([.. stack.Items.Select(item => Rewrite(item, prefix))]);
            default:
                return value;
        }
    }
}
