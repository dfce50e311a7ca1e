#!/usr/bin/env bash
# Regenerates the compiled EF Core models (src/Workflow.Host/Data/CompiledModels) of both providers. Run it after any change to
# the model (an entity, a configuration, a convention), next to the two `dotnet ef migrations add`; CompiledModelTests fails
# until it is run. The app loads the compiled model at start instead of building the model from OnModelCreating (≈ a second).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Workflow.Host --nologo -v quiet >/dev/null
rm -rf src/Workflow.Host/Data/CompiledModels
dotnet ef dbcontext optimize --no-build --project src/Workflow.Host --context AppDbContext \
  --output-dir Data/CompiledModels/Sqlite --namespace Workflow.Host.Data.CompiledModels.Sqlite >/dev/null
dotnet ef dbcontext optimize --no-build --project src/Workflow.Host --context PostgresAppDbContext \
  --output-dir Data/CompiledModels/PostgreSql --namespace Workflow.Host.Data.CompiledModels.PostgreSql >/dev/null
echo "compiled models regenerated in src/Workflow.Host/Data/CompiledModels"
