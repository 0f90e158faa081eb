/**
 * Crowdsourcing (众包) and supply/demand (供需对接): public task and post lists with search,
 * posting a task with its reward in escrow, bidding, picking, delivering, accepting or disputing,
 * officers' arbitration; supply and demand posts with contact through platform threads.
 */
export { crowdManifest } from './crowd.manifest';
