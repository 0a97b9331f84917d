#!/usr/bin/env pwsh
# PowerShell front door: the same verbs as the dotnet commands in README.md.
#   ./run.ps1 run   [args...]   the main job: polca run on scenarios/polca-oversubscribed.conf (extra args go to polca run)
#   ./run.ps1 test  [args...]   dotnet test Polca.Actors.sln
#   ./run.ps1 bench [scenario]  one benchmark scenario (pingpong, ..., journal-write, scale-1k, scale-100k, all)
#   ./run.ps1 polca [args...]   the polca command line (run, compare, replay, config)
param(
    [Parameter(Position = 0)][string]$Verb = "help",
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Rest = @()
)
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot

switch ($Verb) {
    "run"   {
        dotnet run -c Release --project src/Polca.Cli -- run scenarios/polca-oversubscribed.conf --out runs/polca-oversubscribed @Rest
        exit $LASTEXITCODE
    }
    "test"  { dotnet test Polca.Actors.sln @Rest; exit $LASTEXITCODE }
    "bench" {
        $scenario = if ($Rest.Count -gt 0) { $Rest } else { @("all") }
        dotnet run -c Release --project tests/Polca.Benchmarks -- @scenario; exit $LASTEXITCODE
    }
    "polca" { dotnet run -c Release --project src/Polca.Cli -- @Rest; exit $LASTEXITCODE }
    default {
        Write-Host "usage: ./run.ps1 <run|test|bench|polca> [args...]"
        Write-Host "  run    the main job: polca run scenarios/polca-oversubscribed.conf"
        Write-Host "  test   dotnet test Polca.Actors.sln"
        Write-Host "  bench  one benchmark scenario: pingpong, fanin, create, timers, virtual-timers, tell-alloc,"
        Write-Host "         journal-write, journal-recovery, scale-1k, scale-100k, or all (all but scale-*)"
        Write-Host "  polca  the polca command line, e.g. ./run.ps1 polca config hocon/reference.conf"
        if ($Verb -eq "help") { exit 0 } else { exit 2 }
    }
}
