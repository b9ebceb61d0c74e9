import { Init1795269188113 } from './migrations/1795269188113-init.js';
import { SpacesHierarchyAndReputationGrants1795270571840 } from './migrations/1795270571840-spaces-hierarchy-and-reputation-grants.js';
import { ConversationsWithoutRecencyIndex1795288458819 } from './migrations/1795288458819-conversations-without-recency-index.js';

/** Confab's migrations, in order. A host application adds these to its own data source. */
export const confabMigrations = [
  Init1795269188113,
  SpacesHierarchyAndReputationGrants1795270571840,
  ConversationsWithoutRecencyIndex1795288458819,
];
