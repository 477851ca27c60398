// Regenerates profiles/schema.json from the profile vocabulary (npm run schema).
import { join } from 'node:path';
import { writeFileAtomic } from '../main/atomic-write.js';
import { projectRoot } from '../main/paths.js';
import { profileSchema } from '../simulator/index.js';

const path = join(projectRoot(), 'profiles', 'schema.json');
writeFileAtomic(path, `${JSON.stringify(profileSchema(), null, 2)}\n`);
process.stderr.write(`wrote ${path}\n`);
