// docker/metadata-action exports its outputs as DOCKER_METADATA_OUTPUT_* environment variables too. This
// action reads only its inputs, as build-push-action does: a step's inputs say what it publishes, and an
// earlier step's environment must not change that silently. When those variables are there and the inputs
// they would fill are empty, a notice says how to pass them.

export function metadataActionOutputsUnread(settings: { tags: string[]; annotations: Record<string, string> }, env: NodeJS.ProcessEnv): string | undefined {
  const missing = [
    ...(settings.tags.length === 0 && env.DOCKER_METADATA_OUTPUT_TAGS?.trim() ? ['tags: ${{ steps.meta.outputs.tags }}'] : []),
    ...(Object.keys(settings.annotations).length === 0 && env.DOCKER_METADATA_OUTPUT_ANNOTATIONS?.trim()
      ? ['annotations: ${{ steps.meta.outputs.annotations }}']
      : []),
  ];
  if (missing.length === 0) return undefined;
  return (
    "docker/metadata-action's outputs are in the environment (DOCKER_METADATA_OUTPUT_*), but this action reads only its inputs: " +
    `pass them with ${missing.join(' and ')} (with the id of your metadata-action step).`
  );
}
