// Moved to src/platform/files.ts (it is not a composable). This re-export keeps the branches in
// flight that still import it here building; delete it once nothing does.
export { downloadFile, downloadText, readFileText } from '@/platform/files'
