using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Polca.TestKit")]
[assembly: InternalsVisibleTo("Polca.Actors.Tests")]
[assembly: InternalsVisibleTo("Polca.Benchmarks")]
[assembly: InternalsVisibleTo("Polca.Persistence")]
