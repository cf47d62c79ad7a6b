<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Receipt of notice {number}</source>
        <translation>Receipt of notice {number}</translation>
    </message>
    <message>
        <source>Name of the person who signs for the unit</source>
        <translation>Name of the person who signs for the unit</translation>
    </message>
    <message>
        <source>Record receipt</source>
        <translation>Record receipt</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <source>Remaining items OK</source>
        <translation>Remaining items OK</translation>
    </message>
    <message>
        <source>Mark every item without a result OK</source>
        <translation>Mark every item without a result OK</translation>
    </message>
    <message>
        <source>Next problem</source>
        <translation>Next problem</translation>
    </message>
    <message>
        <source>Go to the next item marked a problem</source>
        <translation>Go to the next item marked a problem</translation>
    </message>
    <message>
        <source>Issue notice…</source>
        <translation>Issue notice…</translation>
    </message>
    <message>
        <source>A rectification notice for this inspection's problems</source>
        <translation>A rectification notice for this inspection's problems</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>Make a new draft that corrects this submitted inspection</source>
        <translation>Make a new draft that corrects this submitted inspection</translation>
    </message>
    <message>
        <source>Submit and lock</source>
        <translation>Submit and lock</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Submit anyway</source>
        <translation>Submit anyway</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>AdminTab</name>
    <message>
        <source>Read again</source>
        <translation>Read again</translation>
    </message>
    <message>
        <source>Read the list from the server again</source>
        <translation>Read the list from the server again</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Organisation management</source>
        <translation>Organisation management</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>Office settings</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Bulletin PDF…</source>
        <translation>Bulletin PDF…</translation>
    </message>
    <message>
        <source>Bulletin Word…</source>
        <translation>Bulletin Word…</translation>
    </message>
    <message>
        <source>Workbook Excel…</source>
        <translation>Workbook Excel…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Rework</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>List</source>
        <translation>List</translation>
    </message>
    <message>
        <source>Video exposures</source>
        <translation>Video exposures</translation>
    </message>
    <message>
        <source>Not inspected in these months</source>
        <translation>Not inspected in these months</translation>
    </message>
    <message>
        <source>Assessment PDF…</source>
        <translation>Assessment PDF…</translation>
    </message>
    <message>
        <source>Assessment Word…</source>
        <translation>Assessment Word…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>Computing the scores and the ranking…</source>
        <translation>Computing the scores and the ranking…</translation>
    </message>
    <message>
        <source>Computing the composite assessment…</source>
        <translation>Computing the composite assessment…</translation>
    </message>
    <message>
        <source>{ranked} units ranked, {unchecked} not inspected; first: {first}. Each total is the sum of the components' points (weight × score / full marks).</source>
        <translation>{ranked} units ranked, {unchecked} not inspected; first: {first}. Each total is the sum of the components' points (weight × score / full marks).</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The scores could not be computed: {error}</source>
        <translation>The scores could not be computed: {error}</translation>
    </message>
    <message>
        <source>{inspections} inspections, {problems} problems; notices due {due}: rectified on time {on_time} ({on_time_rate}), late {late}, overdue {overdue}, closed {closed}; rework rate {rework}.</source>
        <translation>{inspections} inspections, {problems} problems; notices due {due}: rectified on time {on_time} ({on_time_rate}), late {late}, overdue {overdue}, closed {closed}; rework rate {rework}.</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>Not inspected</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>{unit}: score over twelve months</source>
        <translation>{unit}: score over twelve months</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>Workbook</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Not written: {why}</source>
        <translation>Not written: {why}</translation>
    </message>
    <message>
        <source>Assessment workbook</source>
        <translation>Assessment workbook</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>Annual assessment</translation>
    </message>
    <message>
        <source>Quarterly assessment</source>
        <translation>Quarterly assessment</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Writing {name}…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Export failed: {error}</translation>
    </message>
    <message>
        <source>these components are not imported yet: {names}</source>
        <translation>these components are not imported yet: {names}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Show all</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
</context>
<context>
    <name>BeforeAfterView</name>
    <message>
        <source>&lt;b&gt;Before&lt;/b&gt;</source>
        <translation>&lt;b&gt;Before&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;After&lt;/b&gt;</source>
        <translation>&lt;b&gt;After&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No after-photo yet</source>
        <translation>No after-photo yet</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>Export to USB stick…</source>
        <translation>Export to USB stick…</translation>
    </message>
    <message>
        <source>Without a network: write what waits to be sent to a USB stick for the office</source>
        <translation>Without a network: write what waits to be sent to a USB stick for the office</translation>
    </message>
    <message>
        <source>Import answer…</source>
        <translation>Import answer…</translation>
    </message>
    <message>
        <source>Apply the office's answer to a USB-stick bundle</source>
        <translation>Apply the office's answer to a USB-stick bundle</translation>
    </message>
    <message>
        <source>Import field laptop's bundle…</source>
        <translation>Import field laptop's bundle…</translation>
    </message>
    <message>
        <source>Send a field laptop's USB-stick bundle to the server; its answer is saved beside it</source>
        <translation>Send a field laptop's USB-stick bundle to the server; its answer is saved beside it</translation>
    </message>
    <message>
        <source>Export to USB stick</source>
        <translation>Export to USB stick</translation>
    </message>
    <message>
        <source>Writing the bundle to {folder}…</source>
        <translation>Writing the bundle to {folder}…</translation>
    </message>
    <message>
        <source>Import answer</source>
        <translation>Import answer</translation>
    </message>
    <message>
        <source>Answers (*.answer);;All files (*)</source>
        <translation>Answers (*.answer);;All files (*)</translation>
    </message>
    <message>
        <source>Applying {name}…</source>
        <translation>Applying {name}…</translation>
    </message>
    <message>
        <source>Import field laptop's bundle</source>
        <translation>Import field laptop's bundle</translation>
    </message>
    <message>
        <source>Log in to the server first: the bundle is sent to it.</source>
        <translation>Log in to the server first: the bundle is sent to it.</translation>
    </message>
    <message>
        <source>Bundles (*.bundle);;All files (*)</source>
        <translation>Bundles (*.bundle);;All files (*)</translation>
    </message>
    <message>
        <source>Sending {name} to the server…</source>
        <translation>Sending {name} to the server…</translation>
    </message>
    <message>
        <source>The server took the bundle. Its answer is saved as {path}: take it back to the field laptop and import it there (Import answer…).</source>
        <translation>The server took the bundle. Its answer is saved as {path}: take it back to the field laptop and import it there (Import answer…).</translation>
    </message>
</context>
<context>
    <name>CasesDialog</name>
    <message>
        <source>Cases from other sources</source>
        <translation>Cases from other sources</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <source>A hotline or citizen-photo export (.xlsx or CSV) with its photos</source>
        <translation>A hotline or citizen-photo export (.xlsx or CSV) with its photos</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Unit / notice</source>
        <translation>Unit / notice</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <source>Why the due time differs from the rules</source>
        <translation>Why the due time differs from the rules</translation>
    </message>
    <message>
        <source>Requirements (default: the description)</source>
        <translation>Requirements (default: the description)</translation>
    </message>
    <message>
        <source>Assign as a notice</source>
        <translation>Assign as a notice</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Reason for another due time</source>
        <translation>Reason for another due time</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Merge into this notice</source>
        <translation>Merge into this notice</translation>
    </message>
    <message>
        <source>Open notice</source>
        <translation>Open notice</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>e.g. not a city-management problem</source>
        <translation>e.g. not a city-management problem</translation>
    </message>
    <message>
        <source>Do not accept</source>
        <translation>Do not accept</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Choose a case in the list.</source>
        <translation>Choose a case in the list.</translation>
    </message>
    <message>
        <source>{ticket} · {source} · {time}
{address}
{description}
Photos: {photos}</source>
        <translation>{ticket} · {source} · {time}
{address}
{description}
Photos: {photos}</translation>
    </message>
    <message>
        <source>By the rules for this source</source>
        <translation>By the rules for this source</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>Import cases</translation>
    </message>
    <message>
        <source>Exports (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Exports (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>Choose a case and the unit to assign it to.</source>
        <translation>Choose a case and the unit to assign it to.</translation>
    </message>
    <message>
        <source>Give a reason for changing the due time.</source>
        <translation>Give a reason for changing the due time.</translation>
    </message>
    <message>
        <source>{ticket}: assigned as notice {number}</source>
        <translation>{ticket}: assigned as notice {number}</translation>
    </message>
    <message>
        <source>Choose a case and the notice to merge it into.</source>
        <translation>Choose a case and the notice to merge it into.</translation>
    </message>
    <message>
        <source>{ticket}: merged into notice {number}</source>
        <translation>{ticket}: merged into notice {number}</translation>
    </message>
    <message>
        <source>Give the reason the case is not accepted.</source>
        <translation>Give the reason the case is not accepted.</translation>
    </message>
    <message>
        <source>{ticket}: not accepted</source>
        <translation>{ticket}: not accepted</translation>
    </message>
</context>
<context>
    <name>CompositePanel</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>List</source>
        <translation>List</translation>
    </message>
    <message>
        <source>{name} ({weight})</source>
        <translation>{name} ({weight})</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>Not inspected</translation>
    </message>
    <message>
        <source>{total} (incomplete)</source>
        <translation>{total} (incomplete)</translation>
    </message>
    <message>
        <source>{unit}: not inspected in this period, not ranked</source>
        <translation>{unit}: not inspected in this period, not ranked</translation>
    </message>
    <message>
        <source>{unit}: total {total}, how each component was made</source>
        <translation>{unit}: total {total}, how each component was made</translation>
    </message>
    <message>
        <source>{name}: not imported yet (weight {weight})</source>
        <translation>{name}: not imported yet (weight {weight})</translation>
    </message>
    <message>
        <source>{name}: {score} of {full} → {points} of {weight} points</source>
        <translation>{name}: {score} of {full} → {points} of {weight} points</translation>
    </message>
    <message>
        <source>{step} ({points})</source>
        <translation>{step} ({points})</translation>
    </message>
    <message>
        <source>{month}: {score}</source>
        <translation>{month}: {score}</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>not inspected</source>
        <translation>not inspected</translation>
    </message>
    <message>
        <source>Monthly scores: {scores}</source>
        <translation>Monthly scores: {scores}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>No notices due in this period</source>
        <translation>No notices due in this period</translation>
    </message>
    <message>
        <source>Notices due {due}: rectified on time {on_time} ({on_time_rate}), closed {closed} ({close_rate}), failed rechecks {failed}, overdue {overdue}, late {late}; disputes refused {refused}</source>
        <translation>Notices due {due}: rectified on time {on_time} ({on_time_rate}), closed {closed} ({close_rate}), failed rechecks {failed}, overdue {overdue}, late {late}; disputes refused {refused}</translation>
    </message>
    <message>
        <source>Problems exposed on video: {n}</source>
        <translation>Problems exposed on video: {n}</translation>
    </message>
    <message>
        <source>Duty checks: on duty {on}, not on duty {off}, not verified {unknown}</source>
        <translation>Duty checks: on duty {on}, not on duty {off}, not verified {unknown}</translation>
    </message>
    <message>
        <source>No import for this period</source>
        <translation>No import for this period</translation>
    </message>
    <message>
        <source>Imported for {period} from {file} by {who} at {when}</source>
        <translation>Imported for {period} from {file} by {who} at {when}</translation>
    </message>
</context>
<context>
    <name>CompositeSettings</name>
    <message>
        <source>Inspection (督查)</source>
        <translation>Inspection (督查)</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>Citizen snapshot (随手拍)</source>
        <translation>Citizen snapshot (随手拍)</translation>
    </message>
    <message>
        <source>Media exposure</source>
        <translation>Media exposure</translation>
    </message>
    <message>
        <source>Assigned by leaders</source>
        <translation>Assigned by leaders</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>On-time rate line</source>
        <translation>On-time rate line</translation>
    </message>
    <message>
        <source>Points off per point below it</source>
        <translation>Points off per point below it</translation>
    </message>
    <message>
        <source>Close-out rate line</source>
        <translation>Close-out rate line</translation>
    </message>
    <message>
        <source>Points off per failed recheck</source>
        <translation>Points off per failed recheck</translation>
    </message>
    <message>
        <source>Points off per notice overdue or late</source>
        <translation>Points off per notice overdue or late</translation>
    </message>
    <message>
        <source>Points off per refused dispute (推诿)</source>
        <translation>Points off per refused dispute (推诿)</translation>
    </message>
    <message>
        <source>Total = Σ weight × score ÷ full marks, out of 100: {parts}. A unit not inspected in the period is not ranked; a missing imported score leaves its total incomplete.</source>
        <translation>Total = Σ weight × score ÷ full marks, out of 100: {parts}. A unit not inspected in the period is not ranked; a missing imported score leaves its total incomplete.</translation>
    </message>
    <message>
        <source>Problem handling: full marks, less {on_time} per point the on-time rate falls below {on_time_line}%, {close} per point the close-out rate falls below {close_line}%, {rework} per failed recheck, {overdue} per notice overdue or rectified late, {dispute} per refused dispute; notices from {doubled} count twice.</source>
        <translation>Problem handling: full marks, less {on_time} per point the on-time rate falls below {on_time_line}%, {close} per point the close-out rate falls below {close_line}%, {rework} per failed recheck, {overdue} per notice overdue or rectified late, {dispute} per refused dispute; notices from {doubled} count twice.</translation>
    </message>
    <message>
        <source>Video exposure: full marks, less {exposure} per problem exposed on video. Road chiefs on duty: full marks, less {absence} per check that found the road chief not on duty.</source>
        <translation>Video exposure: full marks, less {exposure} per problem exposed on video. Road chiefs on duty: full marks, less {absence} per check that found the road chief not on duty.</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Full marks</source>
        <translation>Full marks</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source> points</source>
        <translation> points</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>computed</translation>
    </message>
    <message>
        <source>Counted twice, notices from:</source>
        <translation>Counted twice, notices from:</translation>
    </message>
    <message>
        <source>Video exposure and road chiefs</source>
        <translation>Video exposure and road chiefs</translation>
    </message>
    <message>
        <source>Points off per problem on video</source>
        <translation>Points off per problem on video</translation>
    </message>
    <message>
        <source>Points off per road chief not on duty</source>
        <translation>Points off per road chief not on duty</translation>
    </message>
    <message>
        <source>综合考核: the weights of the counted components add up to {total}; they must add up to 100.</source>
        <translation>综合考核: the weights of the counted components add up to {total}; they must add up to 100.</translation>
    </message>
    <message>
        <source>Weights add up to 100.</source>
        <translation>Weights add up to 100.</translation>
    </message>
    <message>
        <source>Weights add up to {total}: they must add up to 100.</source>
        <translation>Weights add up to {total}: they must add up to 100.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Concurrent edits</source>
        <translation>Concurrent edits</translation>
    </message>
    <message>
        <source>Someone else changed these rows at the same time. The newer version was kept; the other one is shown here so nothing is lost. Re-enter anything that should stand.</source>
        <translation>Someone else changed these rows at the same time. The newer version was kept; the other one is shown here so nothing is lost. Re-enter anything that should stand.</translation>
    </message>
    <message>
        <source>deleted by the version kept</source>
        <translation>deleted by the version kept</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>Not kept</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>No concurrent edits.</source>
        <translation>No concurrent edits.</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The month ends on {last}: {n} zones are not visited yet: {names}</source>
        <translation>The month ends on {last}: {n} zones are not visited yet: {names}</translation>
    </message>
    <message>
        <source>Only zones not visited</source>
        <translation>Only zones not visited</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>Days since</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>The coverage could not be computed: {error}</source>
        <translation>The coverage could not be computed: {error}</translation>
    </message>
    <message>
        <source>{visited} of {total} zones visited from {first} to {last}; {unvisited} not visited. Days since the last visit are counted to {as_of}.</source>
        <translation>{visited} of {total} zones visited from {first} to {last}; {unvisited} not visited. Days since the last visit are counted to {as_of}.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>Devices of {user}</source>
        <translation>Devices of {user}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>First seen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Live logins</source>
        <translation>Live logins</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Revoke this device's logins</source>
        <translation>Revoke this device's logins</translation>
    </message>
    <message>
        <source>This user has not signed in from any device yet.</source>
        <translation>This user has not signed in from any device yet.</translation>
    </message>
    <message>
        <source>Revoked: {n} login(s) of this device no longer work.</source>
        <translation>Revoked: {n} login(s) of this device no longer work.</translation>
    </message>
</context>
<context>
    <name>DutyControl</name>
    <message>
        <source>Road chief {chief}: {state}</source>
        <translation>Road chief {chief}: {state}</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>(not named)</translation>
    </message>
    <message>
        <source>马路办公: was the road chief on duty on this segment? {key} cycles 在岗 → 不在岗 → 未核实. Not required to submit.</source>
        <translation>马路办公: was the road chief on duty on this segment? {key} cycles 在岗 → 不在岗 → 未核实. Not required to submit.</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Use a photo as evidence of the duty check: the site or item photo selected, else the photos picked in the tray</source>
        <translation>Use a photo as evidence of the duty check: the site or item photo selected, else the photos picked in the tray</translation>
    </message>
    <message>
        <source>Road chief {chief}: {state}. Saved.</source>
        <translation>Road chief {chief}: {state}. Saved.</translation>
    </message>
    <message>
        <source>Select a site photo, or pick a photo in the tray, then press {key} to make it the road chief's photo.</source>
        <translation>Select a site photo, or pick a photo in the tray, then press {key} to make it the road chief's photo.</translation>
    </message>
    <message>
        <source>That photo is not one of this inspection's.</source>
        <translation>That photo is not one of this inspection's.</translation>
    </message>
    <message>
        <source>The photo is now the road chief's duty check evidence.</source>
        <translation>The photo is now the road chief's duty check evidence.</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>Move</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Drag to move the photo</source>
        <translation>Drag to move the photo</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <source>Drag from the tail to the point of the arrow</source>
        <translation>Drag from the tail to the point of the arrow</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>Drag across what to circle</source>
        <translation>Drag across what to circle</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Type the words, then click where they go</source>
        <translation>Type the words, then click where they go</translation>
    </message>
    <message>
        <source>Words of a text mark</source>
        <translation>Words of a text mark</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Take back the last mark (Ctrl+Z)</source>
        <translation>Take back the last mark (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Delete all</source>
        <translation>Delete all</translation>
    </message>
    <message>
        <source>Delete all your marks on this photo</source>
        <translation>Delete all your marks on this photo</translation>
    </message>
    <message>
        <source>Show markup</source>
        <translation>Show markup</translation>
    </message>
    <message>
        <source>Show or hide the markup (M)</source>
        <translation>Show or hide the markup (M)</translation>
    </message>
    <message>
        <source>Markup is drawn by office staff (reviewers).</source>
        <translation>Markup is drawn by office staff (reviewers).</translation>
    </message>
    <message>
        <source>Inspection (recorded)</source>
        <translation>Inspection (recorded)</translation>
    </message>
    <message>
        <source>Imported (inspector's laptop)</source>
        <translation>Imported (inspector's laptop)</translation>
    </message>
    <message>
        <source>Received by the server</source>
        <translation>Received by the server</translation>
    </message>
    <message>
        <source>Markup</source>
        <translation>Markup</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. This is the thumbnail; the original is downloaded when you open the photo again with the server in reach.</source>
        <translation>Offline: the server cannot be reached. This is the thumbnail; the original is downloaded when you open the photo again with the server in reach.</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached, and this photo's original is not on this computer yet.</source>
        <translation>Offline: the server cannot be reached, and this photo's original is not on this computer yet.</translation>
    </message>
    <message>
        <source>Not logged in to the server: log in to download the original.</source>
        <translation>Not logged in to the server: log in to download the original.</translation>
    </message>
    <message>
        <source>The server does not hold this photo's original.</source>
        <translation>The server does not hold this photo's original.</translation>
    </message>
    <message>
        <source>The file the server sent is not this photo's original (its SHA-256 differs): it was refused and not kept.</source>
        <translation>The file the server sent is not this photo's original (its SHA-256 differs): it was refused and not kept.</translation>
    </message>
    <message>
        <source>The original could not be downloaded: {error}</source>
        <translation>The original could not be downloaded: {error}</translation>
    </message>
    <message>
        <source>Downloading the original…</source>
        <translation>Downloading the original…</translation>
    </message>
    <message>
        <source>{name} · {time} · {count} marks</source>
        <translation>{name} · {time} · {count} marks</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>an inspector marks up only the photos of a draft they are on, until it is submitted</source>
        <translation>an inspector marks up only the photos of a draft they are on, until it is submitted</translation>
    </message>
    <message>
        <source>the photo is no longer in this store</source>
        <translation>the photo is no longer in this store</translation>
    </message>
    <message>
        <source>The markup was not saved: {error}</source>
        <translation>The markup was not saved: {error}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search zone, unit, inspector, summary (Ctrl+F)</source>
        <translation>Search zone, unit, inspector, summary (Ctrl+F)</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>All zones</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Any mode</source>
        <translation>Any mode</translation>
    </message>
    <message>
        <source>All inspectors</source>
        <translation>All inspectors</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>Any review state</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>{step} — notice {number}</source>
        <translation>{step} — notice {number}</translation>
    </message>
    <message>
        <source>The notice as a whole</source>
        <translation>The notice as a whole</translation>
    </message>
    <message>
        <source>Add after-photos…</source>
        <translation>Add after-photos…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>The unit asked ({signer}, {at}) for {due}: {reason}</source>
        <translation>The unit asked ({signer}, {at}) for {due}: {reason}</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>New due time</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>They show</source>
        <translation>They show</translation>
    </message>
    <message>
        <source>What was fixed</source>
        <translation>What was fixed</translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation>Why it failed</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>After-photos</source>
        <translation>After-photos</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.heif)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.heic *.heif)</translation>
    </message>
    <message>
        <source>Please fill in: {what}</source>
        <translation>Please fill in: {what}</translation>
    </message>
    <message>
        <source>Step recorded. Importing photos…</source>
        <translation>Step recorded. Importing photos…</translation>
    </message>
    <message>
        <source>Step recorded; some photos were not added:</source>
        <translation>Step recorded; some photos were not added:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Step recorded; the photos were not added: {error}</source>
        <translation>Step recorded; the photos were not added: {error}</translation>
    </message>
</context>
<context>
    <name>ImportScoresDialog</name>
    <message>
        <source>Import assessment scores</source>
        <translation>Import assessment scores</translation>
    </message>
    <message>
        <source>An .xlsx or .csv file with a column 单位</source>
        <translation>An .xlsx or .csv file with a column 单位</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>a quarter 2026-Q3 or a year 2026</source>
        <translation>a quarter 2026-Q3 or a year 2026</translation>
    </message>
    <message>
        <source>As the file's columns say</source>
        <translation>As the file's columns say</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Component (for a 得分 column)</source>
        <translation>Component (for a 得分 column)</translation>
    </message>
    <message>
        <source>Nothing is imported from a file with any problem: each is listed here by sheet, row and column. A later import of the same period replaces the earlier one, which stays in its history.</source>
        <translation>Nothing is imported from a file with any problem: each is listed here by sheet, row and column. A later import of the same period replaces the earlier one, which stays in its history.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Only the office (reviewers, administrators) imports assessment scores.</source>
        <translation>Only the office (reviewers, administrators) imports assessment scores.</translation>
    </message>
    <message>
        <source>The file of scores</source>
        <translation>The file of scores</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>Spreadsheets (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Choose the file of scores first.</source>
        <translation>Choose the file of scores first.</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {file}: {count} problems.</source>
        <translation>Nothing was imported from {file}: {count} problems.</translation>
    </message>
    <message>
        <source>Imported; it goes to the server with the next sync.</source>
        <translation>Imported; it goes to the server with the next sync.</translation>
    </message>
</context>
<context>
    <name>InspectionDetail</name>
    <message>
        <source>Select an inspection.</source>
        <translation>Select an inspection.</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>Road chief</source>
        <translation>Road chief</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>with a photo</source>
        <translation>with a photo</translation>
    </message>
    <message>
        <source>Road chief on duty (马路办公)</source>
        <translation>Road chief on duty (马路办公)</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>Score {score}</translation>
    </message>
    <message>
        <source>{n} problem(s)</source>
        <translation>{n} problem(s)</translation>
    </message>
    <message>
        <source>Corrects an earlier inspection.</source>
        <translation>Corrects an earlier inspection.</translation>
    </message>
    <message>
        <source>Corrected by a later version.</source>
        <translation>Corrected by a later version.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>{n} case(s)</source>
        <translation>{n} case(s)</translation>
    </message>
    <message>
        <source>Versions and reviews</source>
        <translation>Versions and reviews</translation>
    </message>
    <message>
        <source>Version {n}</source>
        <translation>Version {n}</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>score {score}</translation>
    </message>
</context>
<context>
    <name>InspectionEditor</name>
    <message>
        <source>Summary of the inspection (optional)</source>
        <translation>Summary of the inspection (optional)</translation>
    </message>
    <message>
        <source>category deducted {used}/{cap}</source>
        <translation>category deducted {used}/{cap}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>Add site photos…</source>
        <translation>Add site photos…</translation>
    </message>
    <message>
        <source>Inspection — {zone}</source>
        <translation>Inspection — {zone}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{zone}&lt;/b&gt; ({kind}) · Responsible unit: {unit} · Road chief: {chief}&lt;br&gt;{mode} · Started {started} · Inspectors: {people} · {template}</source>
        <translation>&lt;b&gt;{zone}&lt;/b&gt; ({kind}) · Responsible unit: {unit} · Road chief: {chief}&lt;br&gt;{mode} · Started {started} · Inspectors: {people} · {template}</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>Score {score}</translation>
    </message>
    <message>
        <source>Deducted {deducted} · {problems} problem(s) · {done}/{total} checked</source>
        <translation>Deducted {deducted} · {problems} problem(s) · {done}/{total} checked</translation>
    </message>
    <message>
        <source>Submitted {finished} and locked. Digest {digest}. To change anything, use Correct.</source>
        <translation>Submitted {finished} and locked. Digest {digest}. To change anything, use Correct.</translation>
    </message>
    <message>
        <source>A correction of it exists.</source>
        <translation>A correction of it exists.</translation>
    </message>
    <message>
        <source>Returned by {who} on {when}: {comment} — use Correct.</source>
        <translation>Returned by {who} on {when}: {comment} — use Correct.</translation>
    </message>
    <message>
        <source>Draft correcting an earlier submitted inspection.</source>
        <translation>Draft correcting an earlier submitted inspection.</translation>
    </message>
    <message>
        <source>The office asked: {comment}</source>
        <translation>The office asked: {comment}</translation>
    </message>
    <message>
        <source>This inspection is submitted and cannot be changed. Use Correct to amend it.</source>
        <translation>This inspection is submitted and cannot be changed. Use Correct to amend it.</translation>
    </message>
    <message>
        <source>Not saved yet: the store is busy. Your text is kept and saved again.</source>
        <translation>Not saved yet: the store is busy. Your text is kept and saved again.</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>Photos, video and audio ({patterns})</source>
        <translation>Photos, video and audio ({patterns})</translation>
    </message>
    <message>
        <source>Import a folder of photos</source>
        <translation>Import a folder of photos</translation>
    </message>
    <message>
        <source>Photos are still being imported; wait or cancel first.</source>
        <translation>Photos are still being imported; wait or cancel first.</translation>
    </message>
    <message>
        <source>Site photos ({n})</source>
        <translation>Site photos ({n})</translation>
    </message>
    <message>
        <source>Choose an item in the checklist first.</source>
        <translation>Choose an item in the checklist first.</translation>
    </message>
    <message>
        <source>No item is marked a problem.</source>
        <translation>No item is marked a problem.</translation>
    </message>
    <message>
        <source>{n} dropped file(s) are not photos and were not put in the tray. A video or audio recording is attached by dropping it on an item, or with Add photos…</source>
        <translation>{n} dropped file(s) are not photos and were not put in the tray. A video or audio recording is attached by dropping it on an item, or with Add photos…</translation>
    </message>
    <message>
        <source>Cannot submit yet:</source>
        <translation>Cannot submit yet:</translation>
    </message>
    <message>
        <source>Cannot submit yet, {n} to finish: {first}</source>
        <translation>Cannot submit yet, {n} to finish: {first}</translation>
    </message>
    <message>
        <source>Please check before submitting:</source>
        <translation>Please check before submitting:</translation>
    </message>
    <message>
        <source>Press Submit again to submit anyway.</source>
        <translation>Press Submit again to submit anyway.</translation>
    </message>
</context>
<context>
    <name>InspectionListModel</name>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source> (correction)</source>
        <translation> (correction)</translation>
    </message>
</context>
<context>
    <name>IssueNoticeDialog</name>
    <message>
        <source>Issue a rectification notice</source>
        <translation>Issue a rectification notice</translation>
    </message>
    <message>
        <source>{code} {text} · {cases} case(s) · {photos} photo(s)</source>
        <translation>{code} {text} · {cases} case(s) · {photos} photo(s)</translation>
    </message>
    <message>
        <source>Why the due time differs from the rules</source>
        <translation>Why the due time differs from the rules</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>To (主送)</source>
        <translation>To (主送)</translation>
    </message>
    <message>
        <source>Copy to (抄送)</source>
        <translation>Copy to (抄送)</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Reason for another due time</source>
        <translation>Reason for another due time</translation>
    </message>
    <message>
        <source>Tick at least one problem.</source>
        <translation>Tick at least one problem.</translation>
    </message>
    <message>
        <source>By the items' time limits on the working-day calendar (the tightest wins).</source>
        <translation>By the items' time limits on the working-day calendar (the tightest wins).</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: check the date.</source>
        <translation>⚠ The holiday calendar does not cover {years}: check the date.</translation>
    </message>
    <message>
        <source>Write what the unit must do.</source>
        <translation>Write what the unit must do.</translation>
    </message>
    <message>
        <source>Give a reason for changing the due time.</source>
        <translation>Give a reason for changing the due time.</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source> case(s)</source>
        <translation> case(s)</translation>
    </message>
    <message>
        <source>Where exactly, e.g. the north-east corner of the crossing</source>
        <translation>Where exactly, e.g. the north-east corner of the crossing</translation>
    </message>
    <message>
        <source>What you saw</source>
        <translation>What you saw</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>Due time</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>Or drop photos here or onto the item (Ctrl+O)</source>
        <translation>Or drop photos here or onto the item (Ctrl+O)</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <source>A camera card or a phone's export</source>
        <translation>A camera card or a phone's export</translation>
    </message>
    <message>
        <source>Photo evidence</source>
        <translation>Photo evidence</translation>
    </message>
    <message>
        <source> · photo evidence required</source>
        <translation> · photo evidence required</translation>
    </message>
    <message>
        <source>GB/T 47678.5 {gb} · weight {weight} · {per} per case, at most {cap} · time limit {due}{photo}</source>
        <translation>GB/T 47678.5 {gb} · weight {weight} · {per} per case, at most {cap} · time limit {due}{photo}</translation>
    </message>
    <message>
        <source>{category} (category cap {cap}) · {text}</source>
        <translation>{category} (category cap {cap}) · {text}</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <source>If a notice is issued now: {due}</source>
        <translation>If a notice is issued now: {due}</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: counted by weekends only. Check the date, and update resources/calendar/cn_workdays.json.</source>
        <translation>⚠ The holiday calendar does not cover {years}: counted by weekends only. Check the date, and update resources/calendar/cn_workdays.json.</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Please wait</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the server</source>
        <translation>Log in to the server</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate</source>
        <translation>Only for a server with its own certificate</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Enter the server, your user name and password.</source>
        <translation>Enter the server, your user name and password.</translation>
    </message>
    <message>
        <source>No certificate file at {path}</source>
        <translation>No certificate file at {path}</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Connecting to {server}…</translation>
    </message>
    <message>
        <source>Login failed: {error}</source>
        <translation>Login failed: {error}</translation>
    </message>
    <message>
        <source>No system keyring here: the login token is kept in {path}, readable only by you. The password is not kept.</source>
        <translation>No system keyring here: the login token is kept in {path}, readable only by you. The password is not kept.</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>This is a one-time password: choose your own password (twice) to go on.</source>
        <translation>This is a one-time password: choose your own password (twice) to go on.</translation>
    </message>
    <message>
        <source>The new password needs at least 8 characters.</source>
        <translation>The new password needs at least 8 characters.</translation>
    </message>
    <message>
        <source>The two new passwords differ: type them again.</source>
        <translation>The two new passwords differ: type them again.</translation>
    </message>
    <message>
        <source>Choose a password other than the one-time password.</source>
        <translation>Choose a password other than the one-time password.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Changing the password…</translation>
    </message>
    <message>
        <source>The password was not changed: {error}</source>
        <translation>The password was not changed: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ducha — field supervision</source>
        <translation>Ducha — field supervision</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>Overdue…</source>
        <translation>Overdue…</translation>
    </message>
    <message>
        <source>Notices overdue or due within a working day</source>
        <translation>Notices overdue or due within a working day</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Scores and bulletin</source>
        <translation>Scores and bulletin</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Send and receive now (F5)</source>
        <translation>Send and receive now (F5)</translation>
    </message>
    <message>
        <source>Conflicts…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <source>Concurrent edits in your units: see both versions and choose one</source>
        <translation>Concurrent edits in your units: see both versions and choose one</translation>
    </message>
    <message>
        <source>Visit plans…</source>
        <translation>Visit plans…</translation>
    </message>
    <message>
        <source>The visit plans' commitments, and revealed plans checked</source>
        <translation>The visit plans' commitments, and revealed plans checked</translation>
    </message>
    <message>
        <source>Cases…</source>
        <translation>Cases…</translation>
    </message>
    <message>
        <source>Cases from the 12345 hotline, citizen photos, the media …: import, triage</source>
        <translation>Cases from the 12345 hotline, citizen photos, the media …: import, triage</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Log in…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>End this laptop's login: the server stops accepting it until you log in</source>
        <translation>End this laptop's login: the server stops accepting it until you log in</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Office settings…</source>
        <translation>Office settings…</translation>
    </message>
    <message>
        <source>Organisation management…</source>
        <translation>Organisation management…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Road chiefs board…</source>
        <translation>Road chiefs board…</translation>
    </message>
    <message>
        <source>The public board of the road segments' chiefs (路长公示): PDF or Excel</source>
        <translation>The public board of the road segments' chiefs (路长公示): PDF or Excel</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>&amp;Assessment</translation>
    </message>
    <message>
        <source>Import assessment scores…</source>
        <translation>Import assessment scores…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>The log files, for whoever looks after Ducha when something went wrong</source>
        <translation>The log files, for whoever looks after Ducha when something went wrong</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>About and updates…</source>
        <translation>About and updates…</translation>
    </message>
    <message>
        <source>Log in to a server first.</source>
        <translation>Log in to a server first.</translation>
    </message>
    <message>
        <source>This store has no zones yet. Without a server, set it up from the organisation workbook (sheets 单位, 区域, 用户):</source>
        <translation>This store has no zones yet. Without a server, set it up from the organisation workbook (sheets 单位, 区域, 用户):</translation>
    </message>
    <message>
        <source>With a server, log in (Log in… on the toolbar) and sync. To try Ducha: ducha demo.</source>
        <translation>With a server, log in (Log in… on the toolbar) and sync. To try Ducha: ducha demo.</translation>
    </message>
    <message>
        <source>No zones</source>
        <translation>No zones</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>Play or pause (K)</source>
        <translation>Play or pause (K)</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Position in the recording</translation>
    </message>
    <message>
        <source>Grab still</source>
        <translation>Grab still</translation>
    </message>
    <message>
        <source>Keep the frame shown as a photo of the same item (G); the video is untouched</source>
        <translation>Keep the frame shown as a photo of the same item (G); the video is untouched</translation>
    </message>
    <message>
        <source>Video and audio cannot be played on this computer (a system library is missing). The recording is kept unchanged; its details are beside.</source>
        <translation>Video and audio cannot be played on this computer (a system library is missing). The recording is kept unchanged; its details are beside.</translation>
    </message>
    <message>
        <source>The original of this recording is not on this computer, so it cannot be played here.</source>
        <translation>The original of this recording is not on this computer, so it cannot be played here.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>This recording cannot be played here: {detail}</source>
        <translation>This recording cannot be played here: {detail}</translation>
    </message>
    <message>
        <source>The inspection is submitted: its evidence no longer changes, so no still is added. Grab stills while it is a draft.</source>
        <translation>The inspection is submitted: its evidence no longer changes, so no still is added. Grab stills while it is a draft.</translation>
    </message>
    <message>
        <source>The still could not be kept (the details are in the log).</source>
        <translation>The still could not be kept (the details are in the log).</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <source>New inspection</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>None: choose below</source>
        <translation>None: choose below</translation>
    </message>
    <message>
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <source>{day}: {zone} ({unit})</source>
        <translation>{day}: {zone} ({unit})</translation>
    </message>
    <message>
        <source>unknown zone</source>
        <translation>unknown zone</translation>
    </message>
    <message>
        <source>Type to search zones</source>
        <translation>Type to search zones</translation>
    </message>
    <message>
        <source> (me)</source>
        <translation> (me)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Planned visit</source>
        <translation>Planned visit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Responsible unit: {unit}
Road chief: {chief}</source>
        <translation>Responsible unit: {unit}
Road chief: {chief}</translation>
    </message>
    <message>
        <source>Choose the zone you are inspecting.</source>
        <translation>Choose the zone you are inspecting.</translation>
    </message>
    <message>
        <source>No checklist is installed.</source>
        <translation>No checklist is installed.</translation>
    </message>
    <message>
        <source>Tick at least one inspector.</source>
        <translation>Tick at least one inspector.</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Cannot start</translation>
    </message>
</context>
<context>
    <name>NewPlanForm</name>
    <message>
        <source>a month 2027-01 or an ISO week 2027-W02</source>
        <translation>a month 2027-01 or an ISO week 2027-W02</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>All zones</translation>
    </message>
    <message>
        <source>Zones of a kind: {kind}</source>
        <translation>Zones of a kind: {kind}</translation>
    </message>
    <message>
        <source>per team per day</source>
        <translation>per team per day</translation>
    </message>
    <message>
        <source>per team per week</source>
        <translation>per team per week</translation>
    </message>
    <message>
        <source>Working days only</source>
        <translation>Working days only</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Team (0: none)</source>
        <translation>Team (0: none)</translation>
    </message>
    <message>
        <source>Draw the plan</source>
        <translation>Draw the plan</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Give each team a number; accounts with the same number visit together. A team never visits zones of its members' units. The server makes the secret seed.</source>
        <translation>Give each team a number; accounts with the same number visit together. A team never visits zones of its members' units. The server makes the secret seed.</translation>
    </message>
    <message>
        <source>Log in to a server to draw a plan.</source>
        <translation>Log in to a server to draw a plan.</translation>
    </message>
    <message>
        <source>Reading the accounts from the server…</source>
        <translation>Reading the accounts from the server…</translation>
    </message>
    <message>
        <source>Zones of {unit}</source>
        <translation>Zones of {unit}</translation>
    </message>
    <message>
        <source>The period is a month such as 2027-01 or an ISO week such as 2027-W02.</source>
        <translation>The period is a month such as 2027-01 or an ISO week such as 2027-W02.</translation>
    </message>
    <message>
        <source>Put at least one account in a team (a number above 0).</source>
        <translation>Put at least one account in a team (a number above 0).</translation>
    </message>
    <message>
        <source>Drawing the plan on the server…</source>
        <translation>Drawing the plan on the server…</translation>
    </message>
    <message>
        <source>Drawn: {period}, {visits} visit(s). Publish this commitment before the period: {commitment}</source>
        <translation>Drawn: {period}, {visits} visit(s). Publish this commitment before the period: {commitment}</translation>
    </message>
</context>
<context>
    <name>NoticeListModel</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>{state} · overdue</source>
        <translation>{state} · overdue</translation>
    </message>
</context>
<context>
    <name>NoticesView</name>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Any state</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Record receipt (签收)…</source>
        <translation>Record receipt (签收)…</translation>
    </message>
    <message>
        <source>Rectification report…</source>
        <translation>Rectification report…</translation>
    </message>
    <message>
        <source>Recheck passed…</source>
        <translation>Recheck passed…</translation>
    </message>
    <message>
        <source>Recheck failed…</source>
        <translation>Recheck failed…</translation>
    </message>
    <message>
        <source>Close out (销号)…</source>
        <translation>Close out (销号)…</translation>
    </message>
    <message>
        <source>Grant extension…</source>
        <translation>Grant extension…</translation>
    </message>
    <message>
        <source>Refuse extension…</source>
        <translation>Refuse extension…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Record extension request…</source>
        <translation>Record extension request…</translation>
    </message>
    <message>
        <source>Record dispute…</source>
        <translation>Record dispute…</translation>
    </message>
    <message>
        <source>Transfer (改派)…</source>
        <translation>Transfer (改派)…</translation>
    </message>
    <message>
        <source>Refuse dispute…</source>
        <translation>Refuse dispute…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>Export Word…</translation>
    </message>
    <message>
        <source>Evidence package…</source>
        <translation>Evidence package…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>The notices could not be read: {error}</source>
        <translation>The notices could not be read: {error}</translation>
    </message>
    <message>
        <source>{n} notice(s), {late} overdue</source>
        <translation>{n} notice(s), {late} overdue</translation>
    </message>
    <message>
        <source>No notice selected.</source>
        <translation>No notice selected.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Only office staff (reviewers, admins) record this.</source>
        <translation>Only office staff (reviewers, admins) record this.</translation>
    </message>
    <message>
        <source>Not while the notice is '{state}'.</source>
        <translation>Not while the notice is '{state}'.</translation>
    </message>
    <message>
        <source>The unit's earlier request is not decided yet.</source>
        <translation>The unit's earlier request is not decided yet.</translation>
    </message>
    <message>
        <source>The unit's earlier dispute is not decided yet.</source>
        <translation>The unit's earlier dispute is not decided yet.</translation>
    </message>
    <message>
        <source>There is no pending dispute to refuse.</source>
        <translation>There is no pending dispute to refuse.</translation>
    </message>
    <message>
        <source>evidence-{number}</source>
        <translation>evidence-{number}</translation>
    </message>
    <message>
        <source>Export notice</source>
        <translation>Export notice</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Writing {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Export failed: {error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>Not printed: {error}</source>
        <translation>Not printed: {error}</translation>
    </message>
    <message>
        <source>Sent {n} page(s) to the printer.</source>
        <translation>Sent {n} page(s) to the printer.</translation>
    </message>
</context>
<context>
    <name>OfficeConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Take the version that lost</source>
        <translation>Take the version that lost</translation>
    </message>
    <message>
        <source>Keep the version that won</source>
        <translation>Keep the version that won</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Reading the conflicts from the server…</source>
        <translation>Reading the conflicts from the server…</translation>
    </message>
    <message>
        <source>{n} conflict(s). Select one to see both versions.</source>
        <translation>{n} conflict(s). Select one to see both versions.</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>Sending the decision…</source>
        <translation>Sending the decision…</translation>
    </message>
    <message>
        <source>The server could not be asked: {error}</source>
        <translation>The server could not be asked: {error}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Won</translation>
    </message>
    <message>
        <source>Resolved {time}: the version that lost was taken.</source>
        <translation>Resolved {time}: the version that lost was taken.</translation>
    </message>
    <message>
        <source>Resolved {time}: the version that won was kept.</source>
        <translation>Resolved {time}: the version that won was kept.</translation>
    </message>
</context>
<context>
    <name>OneTimePasswordDialog</name>
    <message>
        <source>One-time password</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <source>The one-time password of {user} is shown only now: copy it and give it to the user in person. At the first login they must choose a new password.</source>
        <translation>The one-time password of {user} is shown only now: copy it and give it to the user in person. At the first login they must choose a new password.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copied.</translation>
    </message>
</context>
<context>
    <name>OrgDialog</name>
    <message>
        <source>Overdue: the due time has passed and no recheck has passed yet (a notice whose recheck passed and that only waits for 销号 is not overdue). Each notice overdue or rectified late costs {penalty} points.</source>
        <translation>Overdue: the due time has passed and no recheck has passed yet (a notice whose recheck passed and that only waits for 销号 is not overdue). Each notice overdue or rectified late costs {penalty} points.</translation>
    </message>
    <message>
        <source>Red flag (流动红旗): the best-ranked unit with no overdue notice, an on-time rectification rate of at least {on_time}% and a rework rate of at most {rework}%; none that month when no unit qualifies.</source>
        <translation>Red flag (流动红旗): the best-ranked unit with no overdue notice, an on-time rectification rate of at least {on_time}% and a rework rate of at most {rework}%; none that month when no unit qualifies.</translation>
    </message>
    <message>
        <source>Yellow flag (黄旗): the last-ranked unit, only if it scores below {line} points.</source>
        <translation>Yellow flag (黄旗): the last-ranked unit, only if it scores below {line} points.</translation>
    </message>
    <message>
        <source>Honour list (红榜): the top three ranks (the top half when fewer than six are ranked).</source>
        <translation>Honour list (红榜): the top three ranks (the top half when fewer than six are ranked).</translation>
    </message>
    <message>
        <source>Black list (黑榜): of the bottom three ranks (the bottom half when fewer than six are ranked), the units scoring below {line} points.</source>
        <translation>Black list (黑榜): of the bottom three ranks (the bottom half when fewer than six are ranked), the units scoring below {line} points.</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>e.g. 青山县城市管理督查办公室</source>
        <translation>e.g. 青山县城市管理督查办公室</translation>
    </message>
    <message>
        <source>Official notice numbers read e.g. 督改〔2026〕第0123号</source>
        <translation>Official notice numbers read e.g. 督改〔2026〕第0123号</translation>
    </message>
    <message>
        <source>e.g. 2026-12-31, 2027-01-02</source>
        <translation>e.g. 2026-12-31, 2027-01-02</translation>
    </message>
    <message>
        <source>e.g. 2027-01-04</source>
        <translation>e.g. 2027-01-04</translation>
    </message>
    <message>
        <source>Office (on notices)</source>
        <translation>Office (on notices)</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>Office address</source>
        <translation>Office address</translation>
    </message>
    <message>
        <source>Notice number prefix</source>
        <translation>Notice number prefix</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>Office time zone</source>
        <translation>Office time zone</translation>
    </message>
    <message>
        <source>Extra holidays</source>
        <translation>Extra holidays</translation>
    </message>
    <message>
        <source>Extra working days</source>
        <translation>Extra working days</translation>
    </message>
    <message>
        <source>&lt;b&gt;Monthly assessment&lt;/b&gt;</source>
        <translation>&lt;b&gt;Monthly assessment&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Full score of an inspection</source>
        <translation>Full score of an inspection</translation>
    </message>
    <message>
        <source>Points off per notice overdue or rectified late</source>
        <translation>Points off per notice overdue or rectified late</translation>
    </message>
    <message>
        <source>Points off per failed recheck</source>
        <translation>Points off per failed recheck</translation>
    </message>
    <message>
        <source>Excellent (优秀) from</source>
        <translation>Excellent (优秀) from</translation>
    </message>
    <message>
        <source>Good (良好) from</source>
        <translation>Good (良好) from</translation>
    </message>
    <message>
        <source>Pass (合格) from</source>
        <translation>Pass (合格) from</translation>
    </message>
    <message>
        <source>Yellow flag and black list only below</source>
        <translation>Yellow flag and black list only below</translation>
    </message>
    <message>
        <source>Red flag: on-time rectification rate at least</source>
        <translation>Red flag: on-time rectification rate at least</translation>
    </message>
    <message>
        <source>Red flag: rework rate at most</source>
        <translation>Red flag: rework rate at most</translation>
    </message>
    <message>
        <source>Bulletin title</source>
        <translation>Bulletin title</translation>
    </message>
    <message>
        <source>Largest video or audio recording</source>
        <translation>Largest video or audio recording</translation>
    </message>
    <message>
        <source>Office and month</source>
        <translation>Office and month</translation>
    </message>
    <message>
        <source>Composite assessment</source>
        <translation>Composite assessment</translation>
    </message>
    <message>
        <source>Only an administrator changes the office's settings.</source>
        <translation>Only an administrator changes the office's settings.</translation>
    </message>
    <message>
        <source>Not set up yet: this laptop's earlier settings are filled in; save them to make them the office's.</source>
        <translation>Not set up yet: this laptop's earlier settings are filled in; save them to make them the office's.</translation>
    </message>
    <message>
        <source>Not set up yet: the defaults apply until an administrator saves.</source>
        <translation>Not set up yet: the defaults apply until an administrator saves.</translation>
    </message>
    <message>
        <source>Set up on the server on {time}</source>
        <translation>Set up on the server on {time}</translation>
    </message>
    <message>
        <source>Changed by {name} on {time}</source>
        <translation>Changed by {name} on {time}</translation>
    </message>
    <message>
        <source>The office's name is required (at most 200 characters).</source>
        <translation>The office's name is required (at most 200 characters).</translation>
    </message>
    <message>
        <source>The phone is at most 40 characters, the address at most 200.</source>
        <translation>The phone is at most 40 characters, the address at most 200.</translation>
    </message>
    <message>
        <source>The notice number prefix is 1 to 20 characters without digits, spaces or brackets, and does not start with 临.</source>
        <translation>The notice number prefix is 1 to 20 characters without digits, spaces or brackets, and does not start with 临.</translation>
    </message>
    <message>
        <source>Office hours are ranges like 08:30-12:00, 13:30-17:30, in order.</source>
        <translation>Office hours are ranges like 08:30-12:00, 13:30-17:30, in order.</translation>
    </message>
    <message>
        <source>Unknown time zone {name}</source>
        <translation>Unknown time zone {name}</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, separated by commas (at most 400).</source>
        <translation>Dates are written YYYY-MM-DD, separated by commas (at most 400).</translation>
    </message>
    <message>
        <source>{date} is both an extra holiday and an extra working day.</source>
        <translation>{date} is both an extra holiday and an extra working day.</translation>
    </message>
    <message>
        <source>The full score must be above 0.</source>
        <translation>The full score must be above 0.</translation>
    </message>
    <message>
        <source>Penalties cannot be negative.</source>
        <translation>Penalties cannot be negative.</translation>
    </message>
    <message>
        <source>Grades must descend: full score ≥ excellent &gt; good &gt; pass ≥ 0.</source>
        <translation>Grades must descend: full score ≥ excellent &gt; good &gt; pass ≥ 0.</translation>
    </message>
    <message>
        <source>The yellow flag and black list line must not exceed the full score.</source>
        <translation>The yellow flag and black list line must not exceed the full score.</translation>
    </message>
    <message>
        <source>The bulletin title may use only {period}, {year}, {month} and {issue}.</source>
        <translation>The bulletin title may use only {period}, {year}, {month} and {issue}.</translation>
    </message>
    <message>
        <source>These settings cannot be saved; the log says why.</source>
        <translation>These settings cannot be saved; the log says why.</translation>
    </message>
</context>
<context>
    <name>OrgSettingsTab</name>
    <message>
        <source>The office's settings (name, notice prefix, time zone, office hours, holidays, assessment rules) are one record shared by every laptop: saved here, it goes to the server with the next sync.</source>
        <translation>The office's settings (name, notice prefix, time zone, office hours, holidays, assessment rules) are one record shared by every laptop: saved here, it goes to the server with the next sync.</translation>
    </message>
    <message>
        <source>Open office settings…</source>
        <translation>Open office settings…</translation>
    </message>
</context>
<context>
    <name>OriginalsSegment</name>
    <message>
        <source>the last {days} days, at most {gb} GB, newest first</source>
        <translation>the last {days} days, at most {gb} GB, newest first</translation>
    </message>
    <message>
        <source>Originals {held}/{wanted}</source>
        <translation>Originals {held}/{wanted}</translation>
    </message>
    <message>
        <source>Keeping the original photos of this office's inspections and notices on this computer for offline work: {held} of {wanted} are here ({budget}).</source>
        <translation>Keeping the original photos of this office's inspections and notices on this computer for offline work: {held} of {wanted} are here ({budget}).</translation>
    </message>
    <message>
        <source>{n} older original(s) are beyond the budget set in the settings and are fetched only when opened or exported.</source>
        <translation>{n} older original(s) are beyond the budget set in the settings and are fetched only when opened or exported.</translation>
    </message>
    <message>
        <source>The server cannot be reached: the rest come after a sync.</source>
        <translation>The server cannot be reached: the rest come after a sync.</translation>
    </message>
    <message>
        <source>Not logged in to the server: log in to fetch the rest.</source>
        <translation>Not logged in to the server: log in to fetch the rest.</translation>
    </message>
    <message>
        <source>{n} original(s) could not be fetched: {names}</source>
        <translation>{n} original(s) could not be fetched: {names}</translation>
    </message>
    <message>
        <source>Originals: not fetched</source>
        <translation>Originals: not fetched</translation>
    </message>
    <message>
        <source>The originals were not fetched: {why}</source>
        <translation>The originals were not fetched: {why}</translation>
    </message>
</context>
<context>
    <name>OverdueDialog</name>
    <message>
        <source>Overdue and due soon</source>
        <translation>Overdue and due soon</translation>
    </message>
    <message>
        <source>{overdue} notice(s) overdue, {soon} due within one working day.</source>
        <translation>{overdue} notice(s) overdue, {soon} due within one working day.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Due within a working day</source>
        <translation>Due within a working day</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Show at start-up when something is overdue</source>
        <translation>Show at start-up when something is overdue</translation>
    </message>
</context>
<context>
    <name>PhotoImportBar</name>
    <message>
        <source>Importing photos %v/%m</source>
        <translation>Importing photos %v/%m</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>Importing {name} ({done}/{total}): %p%</source>
        <translation>Importing {name} ({done}/{total}): %p%</translation>
    </message>
    <message>
        <source>Imported {n} photo(s).</source>
        <translation>Imported {n} photo(s).</translation>
    </message>
    <message>
        <source>{n} already attached (not stored twice).</source>
        <translation>{n} already attached (not stored twice).</translation>
    </message>
    <message>
        <source>Cancelled: the photos imported so far are kept.</source>
        <translation>Cancelled: the photos imported so far are kept.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>Import {n} unsaved photo(s) again</source>
        <translation>Import {n} unsaved photo(s) again</translation>
    </message>
    <message>
        <source>The photo import stopped: {error}</source>
        <translation>The photo import stopped: {error}</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>View (Enter)</source>
        <translation>View (Enter)</translation>
    </message>
    <message>
        <source>Remove from this inspection (Delete)</source>
        <translation>Remove from this inspection (Delete)</translation>
    </message>
</context>
<context>
    <name>PhotoTray</name>
    <message>
        <source>Photo folder…</source>
        <translation>Photo folder…</translation>
    </message>
    <message>
        <source>Attach to this item</source>
        <translation>Attach to this item</translation>
    </message>
    <message>
        <source>Attach the picked photos to the current item (Enter in the tray)</source>
        <translation>Attach the picked photos to the current item (Enter in the tray)</translation>
    </message>
    <message>
        <source>{key} comes here. ←/→ move, Space picks or drops a photo, Enter attaches the picked ones</source>
        <translation>{key} comes here. ←/→ move, Space picks or drops a photo, Enter attaches the picked ones</translation>
    </message>
    <message>
        <source>The folder of the camera card or phone</source>
        <translation>The folder of the camera card or phone</translation>
    </message>
    <message>
        <source>Photos of this visit ({n})</source>
        <translation>Photos of this visit ({n})</translation>
    </message>
    <message>
        <source>Not chosen yet: the camera card or the phone's photo folder</source>
        <translation>Not chosen yet: the camera card or the phone's photo folder</translation>
    </message>
    <message>
        <source>Looking for the photos of this visit…</source>
        <translation>Looking for the photos of this visit…</translation>
    </message>
    <message>
        <source>Choose the camera card or phone photo folder once (Photo folder…): the photos taken during this visit show here. Or drop photos on this window.</source>
        <translation>Choose the camera card or phone photo folder once (Photo folder…): the photos taken during this visit show here. Or drop photos on this window.</translation>
    </message>
    <message>
        <source>The photo folder {folder} is not there: is the camera card or the phone connected? (Photo folder… chooses another.)</source>
        <translation>The photo folder {folder} is not there: is the camera card or the phone connected? (Photo folder… chooses another.)</translation>
    </message>
    <message>
        <source>No photo taken during this visit and not yet attached in {folder}.</source>
        <translation>No photo taken during this visit and not yet attached in {folder}.</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Previous photo (Left, Page Up)</source>
        <translation>Previous photo (Left, Page Up)</translation>
    </message>
    <message>
        <source>Next photo (Right, Page Down)</source>
        <translation>Next photo (Right, Page Down)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Fit to the window (F)</source>
        <translation>Fit to the window (F)</translation>
    </message>
    <message>
        <source>Actual pixels, 100 % (1)</source>
        <translation>Actual pixels, 100 % (1)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Zoom out (-)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show or hide details (I)</source>
        <translation>Show or hide details (I)</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>No photos.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixels</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>File size</translation>
    </message>
    <message>
        <source>Taken (EXIF)</source>
        <translation>Taken (EXIF)</translation>
    </message>
    <message>
        <source>Taken (Beijing time)</source>
        <translation>Taken (Beijing time)</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>{size} ({bytes} bytes)</source>
        <translation>{size} ({bytes} bytes)</translation>
    </message>
    <message>
        <source>Taken ({zone})</source>
        <translation>Taken ({zone})</translation>
    </message>
    <message>
        <source>no GPS</source>
        <translation>no GPS</translation>
    </message>
    <message>
        <source>none (stored upright)</source>
        <translation>none (stored upright)</translation>
    </message>
    <message>
        <source>mirrored left–right</source>
        <translation>mirrored left–right</translation>
    </message>
    <message>
        <source>rotated 180°</source>
        <translation>rotated 180°</translation>
    </message>
    <message>
        <source>mirrored top–bottom</source>
        <translation>mirrored top–bottom</translation>
    </message>
    <message>
        <source>rotated 90° clockwise, then mirrored left–right</source>
        <translation>rotated 90° clockwise, then mirrored left–right</translation>
    </message>
    <message>
        <source>rotated 90° clockwise</source>
        <translation>rotated 90° clockwise</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise, then mirrored left–right</source>
        <translation>rotated 90° counter-clockwise, then mirrored left–right</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise</source>
        <translation>rotated 90° counter-clockwise</translation>
    </message>
    <message>
        <source>not recorded (shown as stored)</source>
        <translation>not recorded (shown as stored)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>This photo cannot be shown.</source>
        <translation>This photo cannot be shown.</translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation>The image could not be decoded.</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>cannot be shown</source>
        <translation>cannot be shown</translation>
    </message>
    <message>
        <source>Still kept as a photo: {name}</source>
        <translation>Still kept as a photo: {name}</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>video {length}</source>
        <translation>video {length}</translation>
    </message>
    <message>
        <source>audio {length}</source>
        <translation>audio {length}</translation>
    </message>
</context>
<context>
    <name>PlansDialog</name>
    <message>
        <source>Visit plans</source>
        <translation>Visit plans</translation>
    </message>
    <message>
        <source>Each plan is drawn from a secret seed; its SHA-256 (the commitment) is published before the period. After the period the seed is revealed and this laptop checks that the plan is the draw from it.</source>
        <translation>Each plan is drawn from a secret seed; its SHA-256 (the commitment) is published before the period. After the period the seed is revealed and this laptop checks that the plan is the draw from it.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Seed commitment (SHA-256)</source>
        <translation>Seed commitment (SHA-256)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>Reveal the seed</source>
        <translation>Reveal the seed</translation>
    </message>
    <message>
        <source>After the period's last day: the seed is published and the plan checked.</source>
        <translation>After the period's last day: the seed is published and the plan checked.</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>Reading the plans…</source>
        <translation>Reading the plans…</translation>
    </message>
    <message>
        <source>The plans could not be read: {error}</source>
        <translation>The plans could not be read: {error}</translation>
    </message>
    <message>
        <source>Seed not revealed yet</source>
        <translation>Seed not revealed yet</translation>
    </message>
    <message>
        <source>Matches the draw from its revealed seed</source>
        <translation>Matches the draw from its revealed seed</translation>
    </message>
    <message>
        <source>the seed does not match its published commitment</source>
        <translation>the seed does not match its published commitment</translation>
    </message>
    <message>
        <source>the inputs differ from those recorded at the draw</source>
        <translation>the inputs differ from those recorded at the draw</translation>
    </message>
    <message>
        <source>no plan can be drawn from the recorded inputs</source>
        <translation>no plan can be drawn from the recorded inputs</translation>
    </message>
    <message>
        <source>the visits differ from the draw</source>
        <translation>the visits differ from the draw</translation>
    </message>
    <message>
        <source>the seed is not revealed</source>
        <translation>the seed is not revealed</translation>
    </message>
    <message>
        <source>the plan received is not readable</source>
        <translation>the plan received is not readable</translation>
    </message>
    <message>
        <source>Does NOT match: {reasons}</source>
        <translation>Does NOT match: {reasons}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>No plan is known here yet: plans reach the office's laptops at sync.</source>
        <translation>No plan is known here yet: plans reach the office's laptops at sync.</translation>
    </message>
    <message>
        <source>Log in to a server to reveal a seed.</source>
        <translation>Log in to a server to reveal a seed.</translation>
    </message>
    <message>
        <source>Revealing the seed of {period}…</source>
        <translation>Revealing the seed of {period}…</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 File</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Folder</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>File Folder</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>Shortcut</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Directory</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Don't Save</source>
        <translation>Don't Save</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Close without Saving</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <source>Received changes set aside</source>
        <translation>Received changes set aside</translation>
    </message>
    <message>
        <source>These changes from the server could not be applied on this laptop and were set aside; everything else was received. A corrected version clears them at a later sync. Tell the office if they stay.</source>
        <translation>These changes from the server could not be applied on this laptop and were set aside; everything else was received. A corrected version clears them at a later sync. Tell the office if they stay.</translation>
    </message>
    <message>
        <source>Nothing was set aside.</source>
        <translation>Nothing was set aside.</translation>
    </message>
</context>
<context>
    <name>RejectionsDialog</name>
    <message>
        <source>Changes the server refused</source>
        <translation>Changes the server refused</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Nothing was refused.</source>
        <translation>Nothing was refused.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return for correction</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <source>What must be corrected (shown to the inspector)…</source>
        <translation>What must be corrected (shown to the inspector)…</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Comment for the inspector:</source>
        <translation>Comment for the inspector:</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Evidence photos</source>
        <translation>Evidence photos</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Evidence package…</source>
        <translation>Evidence package…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Accept the inspection (Ctrl+Shift+A)</source>
        <translation>Accept the inspection (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>Return it with a comment (Ctrl+Shift+R)</source>
        <translation>Return it with a comment (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Only reviewers decide; you can read the evidence.</source>
        <translation>Only reviewers decide; you can read the evidence.</translation>
    </message>
    <message>
        <source>A newer version of this inspection exists: review that one.</source>
        <translation>A newer version of this inspection exists: review that one.</translation>
    </message>
    <message>
        <source>Returned: waiting for the inspector's correction.</source>
        <translation>Returned: waiting for the inspector's correction.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>evidence-{id}</source>
        <translation>evidence-{id}</translation>
    </message>
</context>
<context>
    <name>RoadChiefsDialog</name>
    <message>
        <source>Road chiefs board (路长公示)</source>
        <translation>Road chiefs board (路长公示)</translation>
    </message>
    <message>
        <source>All road segments</source>
        <translation>All road segments</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Poster (A2)</source>
        <translation>Poster (A2)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Road chiefs board</source>
        <translation>Road chiefs board</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Writing {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Export failed: {error}</translation>
    </message>
    <message>
        <source>Saved {path}: {n} road segment(s).</source>
        <translation>Saved {path}: {n} road segment(s).</translation>
    </message>
    <message>
        <source>the office's supervision phone (监督电话) is not set. Fill it in Settings → Office settings, then export again.</source>
        <translation>the office's supervision phone (监督电话) is not set. Fill it in Settings → Office settings, then export again.</translation>
    </message>
    <message>
        <source>No road chief named for: {zones}</source>
        <translation>No road chief named for: {zones}</translation>
    </message>
    <message>
        <source>No phone for the chief of: {zones}</source>
        <translation>No phone for the chief of: {zones}</translation>
    </message>
</context>
<context>
    <name>RowLabels</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>Inspection team member</source>
        <translation>Inspection team member</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Case (hotline, citizen photo …)</source>
        <translation>Case (hotline, citizen photo …)</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <source>Notice step</source>
        <translation>Notice step</translation>
    </message>
    <message>
        <source>Rectification report</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <source>Recheck</source>
        <translation>Recheck</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Road chief duty check</source>
        <translation>Road chief duty check</translation>
    </message>
    <message>
        <source>Photo markup</source>
        <translation>Photo markup</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>Imported assessment scores</source>
        <translation>Imported assessment scores</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>New due time</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Unit responsible then</source>
        <translation>Unit responsible then</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>Bulletin title</source>
        <translation>Bulletin title</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Why it was not applied</source>
        <translation>Why it was not applied</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Office settings…</source>
        <translation>Office settings…</translation>
    </message>
    <message>
        <source>The office's name, hours, time zone and rules: the same on every laptop</source>
        <translation>The office's name, hours, time zone and rules: the same on every laptop</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>No system keyring here: the login token is kept in a file only you can read.</source>
        <translation>No system keyring here: the login token is kept in a file only you can read.</translation>
    </message>
    <message>
        <source>The login token is kept in the system keyring.</source>
        <translation>The login token is kept in the system keyring.</translation>
    </message>
    <message>
        <source>The language applies when Ducha starts again.</source>
        <translation>The language applies when Ducha starts again.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>&lt;b&gt;Originals kept on this computer&lt;/b&gt; (office laptops)</source>
        <translation>&lt;b&gt;Originals kept on this computer&lt;/b&gt; (office laptops)</translation>
    </message>
    <message>
        <source>Keep the originals of the last</source>
        <translation>Keep the originals of the last</translation>
    </message>
    <message>
        <source>Using at most</source>
        <translation>Using at most</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>This laptop works without a server: nothing to sync with. Log in… once the office has one.</source>
        <translation>This laptop works without a server: nothing to sync with. Log in… once the office has one.</translation>
    </message>
    <message>
        <source>Synced. This laptop's clock is {minutes} minute(s) off the server's: set it right, times recorded here are evidence.</source>
        <translation>Synced. This laptop's clock is {minutes} minute(s) off the server's: set it right, times recorded here are evidence.</translation>
    </message>
    <message>
        <source>Synced. The server was restored from a backup: this laptop sent again {n} change(s) the server had lost.</source>
        <translation>Synced. The server was restored from a backup: this laptop sent again {n} change(s) the server had lost.</translation>
    </message>
    <message>
        <source>Synced. {n} submission(s) were refused because the draft was changed on the server meanwhile: your version is kept under concurrent edits, and the draft is open again with the server's changes merged in. Check it and submit again.</source>
        <translation>Synced. {n} submission(s) were refused because the draft was changed on the server meanwhile: your version is kept under concurrent edits, and the draft is open again with the server's changes merged in. Check it and submit again.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synced.</translation>
    </message>
    <message>
        <source>Sync stopped: {error}</source>
        <translation>Sync stopped: {error}</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>Logged out.</translation>
    </message>
    <message>
        <source>Logged out on this laptop. The server could not be reached; an administrator can revoke this laptop's login there (ducha-server device revoke).</source>
        <translation>Logged out on this laptop. The server could not be reached; an administrator can revoke this laptop's login there (ducha-server device revoke).</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Edited on two laptops at once</source>
        <translation>Edited on two laptops at once</translation>
    </message>
    <message>
        <source>Edited here, deleted elsewhere</source>
        <translation>Edited here, deleted elsewhere</translation>
    </message>
    <message>
        <source>A second rectification report for the same round</source>
        <translation>A second rectification report for the same round</translation>
    </message>
    <message>
        <source>Submission refused: the draft was changed on the server meanwhile. It was opened again as a draft with the server's changes merged in; check it and submit again.</source>
        <translation>Submission refused: the draft was changed on the server meanwhile. It was opened again as a draft with the server's changes merged in; check it and submit again.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>Last sync {time}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>Not logged in · last sync {time}</source>
        <translation>Not logged in · last sync {time}</translation>
    </message>
    <message>
        <source>Log in (Log in… on the toolbar) to sync again.</source>
        <translation>Log in (Log in… on the toolbar) to sync again.</translation>
    </message>
    <message>
        <source>Working without a server: all is kept on this laptop</source>
        <translation>Working without a server: all is kept on this laptop</translation>
    </message>
    <message>
        <source>Everything recorded here stays on this laptop. When the office gets a server: ducha org export on this laptop, ducha-server org adopt on the server, then log in (Log in… on the toolbar) and the changes waiting are sent.</source>
        <translation>Everything recorded here stays on this laptop. When the office gets a server: ducha org export on this laptop, ducha-server org adopt on the server, then log in (Log in… on the toolbar) and the changes waiting are sent.</translation>
    </message>
    <message>
        <source>Changes waiting to sync: {n} · photos: {p}</source>
        <translation>Changes waiting to sync: {n} · photos: {p}</translation>
    </message>
    <message>
        <source>{n} refused by the server</source>
        <translation>{n} refused by the server</translation>
    </message>
    <message>
        <source>{n} concurrent edit(s) kept</source>
        <translation>{n} concurrent edit(s) kept</translation>
    </message>
    <message>
        <source>{n} received change(s) set aside</source>
        <translation>{n} received change(s) set aside</translation>
    </message>
    <message>
        <source>New version {version} available</source>
        <translation>New version {version} available</translation>
    </message>
    <message>
        <source>Uploading photos {done}/{total}</source>
        <translation>Uploading photos {done}/{total}</translation>
    </message>
    <message>
        <source>Uploaded {done}/{total} MB</source>
        <translation>Uploaded {done}/{total} MB</translation>
    </message>
    <message>
        <source>Sending changes {done}/{total}</source>
        <translation>Sending changes {done}/{total}</translation>
    </message>
    <message>
        <source>Receiving changes {done}</source>
        <translation>Receiving changes {done}</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Sync stopped</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <source>A template in .xlsx or JSON: checked, then previewed</source>
        <translation>A template in .xlsx or JSON: checked, then previewed</translation>
    </message>
    <message>
        <source>Publish as a new version</source>
        <translation>Publish as a new version</translation>
    </message>
    <message>
        <source>Retire this version</source>
        <translation>Retire this version</translation>
    </message>
    <message>
        <source>New inspections can no longer use it; those made with it keep it</source>
        <translation>New inspections can no longer use it; those made with it keep it</translation>
    </message>
    <message>
        <source>No file imported.</source>
        <translation>No file imported.</translation>
    </message>
    <message>
        <source>Category / item</source>
        <translation>Category / item</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>Cap</translation>
    </message>
    <message>
        <source>Per case</source>
        <translation>Per case</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Template file</source>
        <translation>Template file</translation>
    </message>
    <message>
        <source>Templates (*.xlsx *.csv *.json)</source>
        <translation>Templates (*.xlsx *.csv *.json)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message>
        <source>{file}: {n} problem(s); nothing can be published until they are fixed.</source>
        <translation>{file}: {n} problem(s); nothing can be published until they are fixed.</translation>
    </message>
    <message>
        <source>{file}: {name}, version {version}, {n} items, full score {score}.</source>
        <translation>{file}: {name}, version {version}, {n} items, full score {score}.</translation>
    </message>
    <message>
        <source>The file is correct: check the preview, then publish it.</source>
        <translation>The file is correct: check the preview, then publish it.</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>Problems ({n})</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>No problems</translation>
    </message>
    <message>
        <source>{name} version {version} published: the laptops receive it at their next sync.</source>
        <translation>{name} version {version} published: the laptops receive it at their next sync.</translation>
    </message>
    <message>
        <source>{name} version {version} retired: new inspections can no longer use it.</source>
        <translation>{name} version {version} retired: new inspections can no longer use it.</translation>
    </message>
</context>
<context>
    <name>UnitEventDialog</name>
    <message>
        <source>{step} — notice {number}</source>
        <translation>{step} — notice {number}</translation>
    </message>
    <message>
        <source>Name of the person at the unit</source>
        <translation>Name of the person at the unit</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Asked by (unit)</source>
        <translation>Asked by (unit)</translation>
    </message>
    <message>
        <source>Current due time</source>
        <translation>Current due time</translation>
    </message>
    <message>
        <source>Date asked for</source>
        <translation>Date asked for</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>New due time</translation>
    </message>
    <message>
        <source>Refusing the dispute counts it as 推诿 (an unfounded dispute) against {unit}.</source>
        <translation>Refusing the dispute counts it as 推诿 (an unfounded dispute) against {unit}.</translation>
    </message>
    <message>
        <source>The notice keeps its number and history; it goes back to awaiting receipt (签收) by the new unit.</source>
        <translation>The notice keeps its number and history; it goes back to awaiting receipt (签收) by the new unit.</translation>
    </message>
    <message>
        <source>Record request</source>
        <translation>Record request</translation>
    </message>
    <message>
        <source>Record dispute</source>
        <translation>Record dispute</translation>
    </message>
    <message>
        <source>Refuse dispute</source>
        <translation>Refuse dispute</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Reason given</translation>
    </message>
    <message>
        <source>Why it is not theirs</source>
        <translation>Why it is not theirs</translation>
    </message>
    <message>
        <source>Why the dispute is refused</source>
        <translation>Why the dispute is refused</translation>
    </message>
    <message>
        <source>Reason for the transfer</source>
        <translation>Reason for the transfer</translation>
    </message>
    <message>
        <source>Set the due time: the problems' limits are not here.</source>
        <translation>Set the due time: the problems' limits are not here.</translation>
    </message>
    <message>
        <source>From the transfer by the problems' time limits on the working-day calendar: {due}.</source>
        <translation>From the transfer by the problems' time limits on the working-day calendar: {due}.</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: check the date.</source>
        <translation>⚠ The holiday calendar does not cover {years}: check the date.</translation>
    </message>
    <message>
        <source>Please fill in: {what}</source>
        <translation>Please fill in: {what}</translation>
    </message>
    <message>
        <source>There is no other unit to transfer to.</source>
        <translation>There is no other unit to transfer to.</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <source>Zones in use</source>
        <translation>Zones in use</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>e.g. 青山县城市管理局</source>
        <translation>e.g. 青山县城市管理局</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Rename the selected unit, or change its kind or parent</source>
        <translation>Rename the selected unit, or change its kind or parent</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>Name and kind</source>
        <translation>Name and kind</translation>
    </message>
    <message>
        <source>(none: a top unit)</source>
        <translation>(none: a top unit)</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <source>Unit {name} added.</source>
        <translation>Unit {name} added.</translation>
    </message>
    <message>
        <source>Unit {name} saved.</source>
        <translation>Unit {name} saved.</translation>
    </message>
    <message>
        <source>Unit {name} is in use again.</source>
        <translation>Unit {name} is in use again.</translation>
    </message>
    <message>
        <source>Unit {name} retired.</source>
        <translation>Unit {name} retired.</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>About and updates</source>
        <translation>About and updates</translation>
    </message>
    <message>
        <source>This is Ducha {version}.</source>
        <translation>This is Ducha {version}.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <source>Install now</source>
        <translation>Install now</translation>
    </message>
    <message>
        <source>The server offers no newer version (as of the last sync).</source>
        <translation>The server offers no newer version (as of the last sync).</translation>
    </message>
    <message>
        <source>New version {version} available: {file} ({size:.1f} MB).</source>
        <translation>New version {version} available: {file} ({size:.1f} MB).</translation>
    </message>
    <message>
        <source>Not downloaded yet.</source>
        <translation>Not downloaded yet.</translation>
    </message>
    <message>
        <source>Log in to the server to download it.</source>
        <translation>Log in to the server to download it.</translation>
    </message>
    <message>
        <source>Downloaded and verified (size, SHA-256, signature): {path}</source>
        <translation>Downloaded and verified (size, SHA-256, signature): {path}</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <source>Downloading… {done:.1f} of {total:.1f} MB</source>
        <translation>Downloading… {done:.1f} of {total:.1f} MB</translation>
    </message>
    <message>
        <source>To install, run in a terminal in its folder: sudo apt install ./{file}</source>
        <translation>To install, run in a terminal in its folder: sudo apt install ./{file}</translation>
    </message>
    <message>
        <source>Unpack {file} in place of the program's folder, then start Ducha again.</source>
        <translation>Unpack {file} in place of the program's folder, then start Ducha again.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>A new role or units end the user's logins: they log in again</source>
        <translation>A new role or units end the user's logins: they log in again</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Devices…</source>
        <translation>Devices…</translation>
    </message>
    <message>
        <source>The accounts are kept on the server only: connect to see them.</source>
        <translation>The accounts are kept on the server only: connect to see them.</translation>
    </message>
    <message>
        <source> (new password due)</source>
        <translation> (new password due)</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>User {user} added.</source>
        <translation>User {user} added.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>User {user} saved.</source>
        <translation>User {user} saved.</translation>
    </message>
    <message>
        <source>User {user} is enabled.</source>
        <translation>User {user} is enabled.</translation>
    </message>
    <message>
        <source>User {user} is disabled: their logins no longer work.</source>
        <translation>User {user} is disabled: their logins no longer work.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Give {user} a new one-time password? Their current password and logins stop working.</source>
        <translation>Give {user} a new one-time password? Their current password and logins stop working.</translation>
    </message>
    <message>
        <source>The password of {user} was reset.</source>
        <translation>The password of {user} was reset.</translation>
    </message>
</context>
<context>
    <name>ZonesTab</name>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Road chief</source>
        <translation>Road chief</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Outline</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>e.g. 人民路（解放路—建设路）</source>
        <translation>e.g. 人民路（解放路—建设路）</translation>
    </message>
    <message>
        <source>No outline</source>
        <translation>No outline</translation>
    </message>
    <message>
        <source>Load .geojson…</source>
        <translation>Load .geojson…</translation>
    </message>
    <message>
        <source>Remove outline</source>
        <translation>Remove outline</translation>
    </message>
    <message>
        <source>Add zone</source>
        <translation>Add zone</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>A retired zone is not offered for new inspections; old records keep it</source>
        <translation>A retired zone is not offered for new inspections; old records keep it</translation>
    </message>
    <message>
        <source>Name, kind, unit</source>
        <translation>Name, kind, unit</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>{kind} from {file}</source>
        <translation>{kind} from {file}</translation>
    </message>
    <message>
        <source>{kind} (on the server)</source>
        <translation>{kind} (on the server)</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <source>Zone outline</source>
        <translation>Zone outline</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Outline read from {file}.</source>
        <translation>Outline read from {file}.</translation>
    </message>
    <message>
        <source>{file}: the outline is larger than 1 MB; simplify it.</source>
        <translation>{file}: the outline is larger than 1 MB; simplify it.</translation>
    </message>
    <message>
        <source>{file}: this is not a GeoJSON file (not readable as JSON text).</source>
        <translation>{file}: this is not a GeoJSON file (not readable as JSON text).</translation>
    </message>
    <message>
        <source>{file}: the file holds several features; save the zone's outline alone.</source>
        <translation>{file}: the file holds several features; save the zone's outline alone.</translation>
    </message>
    <message>
        <source>{file}: the outline must be a Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude (closed rings).</source>
        <translation>{file}: the outline must be a Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude (closed rings).</translation>
    </message>
    <message>
        <source>Zone {name} added.</source>
        <translation>Zone {name} added.</translation>
    </message>
    <message>
        <source>Zone {name} saved.</source>
        <translation>Zone {name} saved.</translation>
    </message>
    <message>
        <source>Zone {name} is in use again.</source>
        <translation>Zone {name} is in use again.</translation>
    </message>
    <message>
        <source>Zone {name} retired: it is no longer offered for new inspections.</source>
        <translation>Zone {name} retired: it is no longer offered for new inspections.</translation>
    </message>
</context>
<context>
    <name>admin</name>
    <message>
        <source>Not connected to the server: changes to the organisation need the server.</source>
        <translation>Not connected to the server: changes to the organisation need the server.</translation>
    </message>
    <message>
        <source>That name is already taken: choose another.</source>
        <translation>That name is already taken: choose another.</translation>
    </message>
    <message>
        <source>A unit cannot be placed under itself or under one of its own sub-units.</source>
        <translation>A unit cannot be placed under itself or under one of its own sub-units.</translation>
    </message>
    <message>
        <source>The unit still has zones in use: retire them or give them to another unit first.</source>
        <translation>The unit still has zones in use: retire them or give them to another unit first.</translation>
    </message>
    <message>
        <source>The outline is not usable: it must be a GeoJSON Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude, at most 1 MB.</source>
        <translation>The outline is not usable: it must be a GeoJSON Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude, at most 1 MB.</translation>
    </message>
    <message>
        <source>You cannot disable your own account or take away your own admin role.</source>
        <translation>You cannot disable your own account or take away your own admin role.</translation>
    </message>
    <message>
        <source>This template version already exists, or is not above the highest published version of that name: raise the version number.</source>
        <translation>This template version already exists, or is not above the highest published version of that name: raise the version number.</translation>
    </message>
    <message>
        <source>The server found problems in the template:</source>
        <translation>The server found problems in the template:</translation>
    </message>
    <message>
        <source>Only an administrator may do this; your account is not one.</source>
        <translation>Only an administrator may do this; your account is not one.</translation>
    </message>
    <message>
        <source>You must change your password first: log in again to set a new one.</source>
        <translation>You must change your password first: log in again to set a new one.</translation>
    </message>
    <message>
        <source>It is no longer on the server (removed meanwhile): the list is read again.</source>
        <translation>It is no longer on the server (removed meanwhile): the list is read again.</translation>
    </message>
    <message>
        <source>That user name is already taken: choose another.</source>
        <translation>That user name is already taken: choose another.</translation>
    </message>
    <message>
        <source>That unit is retired: choose a unit in use.</source>
        <translation>That unit is retired: choose a unit in use.</translation>
    </message>
    <message>
        <source>The parent unit chosen no longer exists on the server: read the lists again.</source>
        <translation>The parent unit chosen no longer exists on the server: read the lists again.</translation>
    </message>
    <message>
        <source>A unit chosen no longer exists on the server: read the lists again.</source>
        <translation>A unit chosen no longer exists on the server: read the lists again.</translation>
    </message>
    <message>
        <source>The new password is too short: use at least 8 characters.</source>
        <translation>The new password is too short: use at least 8 characters.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>The current password is wrong.</translation>
    </message>
    <message>
        <source>Choose a password other than the one-time password.</source>
        <translation>Choose a password other than the one-time password.</translation>
    </message>
    <message>
        <source>It is larger than the server accepts: make it smaller (a simpler outline).</source>
        <translation>It is larger than the server accepts: make it smaller (a simpler outline).</translation>
    </message>
    <message>
        <source>The server did not accept a field: check what you entered.</source>
        <translation>The server did not accept a field: check what you entered.</translation>
    </message>
    <message>
        <source>The server refused the change; the details are in the log file.</source>
        <translation>The server refused the change; the details are in the log file.</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>Something went wrong; the details are in the log file.</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Street office</source>
        <translation>Street office</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Released</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>bundle</name>
    <message>
        <source>ducha bundle: no store in {folder}</source>
        <translation>ducha bundle: no store in {folder}</translation>
    </message>
    <message>
        <source>ducha bundle: the file cannot be written or read: {error}</source>
        <translation>ducha bundle: the file cannot be written or read: {error}</translation>
    </message>
    <message>
        <source>{name}: damaged or incomplete (cut short?). Nothing was applied.</source>
        <translation>{name}: damaged or incomplete (cut short?). Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: this part of the bundle is missing. Nothing was applied.</source>
        <translation>{name}: this part of the bundle is missing. Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: altered or damaged since it was written. Nothing was applied.</source>
        <translation>{name}: altered or damaged since it was written. Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: not signed by the server (altered?). Nothing was applied.</source>
        <translation>{name}: not signed by the server (altered?). Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: this answer is for another laptop or user, or for a bundle this laptop did not write. Nothing was applied.</source>
        <translation>{name}: this answer is for another laptop or user, or for a bundle this laptop did not write. Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: this answer does not match what this laptop holds now. Nothing was applied; sync online, or export a new bundle.</source>
        <translation>{name}: this answer does not match what this laptop holds now. Nothing was applied; sync online, or export a new bundle.</translation>
    </message>
    <message>
        <source>This laptop has not synced online since it logged in, so the server cannot check its bundles yet. Sync online once, then export.</source>
        <translation>This laptop has not synced online since it logged in, so the server cannot check its bundles yet. Sync online once, then export.</translation>
    </message>
    <message>
        <source>{name}: the server does not know this laptop's key: the laptop must sync online once after logging in. Nothing was applied.</source>
        <translation>{name}: the server does not know this laptop's key: the laptop must sync online once after logging in. Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: the laptop or its user was revoked or disabled on the server. Nothing was applied.</source>
        <translation>{name}: the laptop or its user was revoked or disabled on the server. Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: this bundle is for another server (or for this one before a restore). Nothing was applied.</source>
        <translation>{name}: this bundle is for another server (or for this one before a restore). Nothing was applied.</translation>
    </message>
    <message>
        <source>{name}: larger than the server takes (ask its administrator). Nothing was applied.</source>
        <translation>{name}: larger than the server takes (ask its administrator). Nothing was applied.</translation>
    </message>
    <message>
        <source>The original of photo {name} is not on this laptop. Nothing was written.</source>
        <translation>The original of photo {name} is not on this laptop. Nothing was written.</translation>
    </message>
    <message>
        <source>{name}: refused ({code}). Nothing was applied.</source>
        <translation>{name}: refused ({code}). Nothing was applied.</translation>
    </message>
    <message>
        <source>Nothing of the bundle was left on the drive: everything still waits to be sent, as before. Free some space or put the stick back, and export again.</source>
        <translation>Nothing of the bundle was left on the drive: everything still waits to be sent, as before. Free some space or put the stick back, and export again.</translation>
    </message>
    <message>
        <source>Bundle written: {changes} change(s) in {batches} batch(es), {originals} original(s), {megabytes} MB in {files} file(s). Take it to the office; import its answer here afterwards.</source>
        <translation>Bundle written: {changes} change(s) in {batches} batch(es), {originals} original(s), {megabytes} MB in {files} file(s). Take it to the office; import its answer here afterwards.</translation>
    </message>
    <message>
        <source>Answer imported: {accepted} change(s) accepted, {rejected} refused, {conflicts} conflict(s), {pulled} change(s) received.</source>
        <translation>Answer imported: {accepted} change(s) accepted, {rejected} refused, {conflicts} conflict(s), {pulled} change(s) received.</translation>
    </message>
    <message>
        <source>{n} batch(es) had been answered already (online sync): left as they were.</source>
        <translation>{n} batch(es) had been answered already (online sync): left as they were.</translation>
    </message>
    <message>
        <source>Official number: {number}</source>
        <translation>Official number: {number}</translation>
    </message>
    <message>
        <source>Refused: {entity} {id}: {reason}</source>
        <translation>Refused: {entity} {id}: {reason}</translation>
    </message>
    <message>
        <source>The server refused a batch ({reason}); it stays to be sent.</source>
        <translation>The server refused a batch ({reason}); it stays to be sent.</translation>
    </message>
    <message>
        <source>The server's changes were not applied: sync online to receive them.</source>
        <translation>The server's changes were not applied: sync online to receive them.</translation>
    </message>
</context>
<context>
    <name>case_file</name>
    <message>
        <source>file “{name}”</source>
        <translation>file “{name}”</translation>
    </message>
    <message>
        <source>sheet “{name}”</source>
        <translation>sheet “{name}”</translation>
    </message>
    <message>
        <source>neither UTF-8, GBK nor UTF-16 text</source>
        <translation>neither UTF-8, GBK nor UTF-16 text</translation>
    </message>
    <message>
        <source>the workbook has a password: remove it in Excel or WPS and save it again</source>
        <translation>the workbook has a password: remove it in Excel or WPS and save it again</translation>
    </message>
    <message>
        <source>empty: the file holds nothing</source>
        <translation>empty: the file holds nothing</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>not found</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>a folder, not a file</translation>
    </message>
    <message>
        <source>not a regular file (a pipe or a device)</source>
        <translation>not a regular file (a pipe or a device)</translation>
    </message>
    <message>
        <source>cannot be read: no permission</source>
        <translation>cannot be read: no permission</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>cannot be read ({reason})</translation>
    </message>
    <message>
        <source>longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote " joins the lines after it into one cell)</source>
        <translation>longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote " joins the lines after it into one cell)</translation>
    </message>
    <message>
        <source>the quote " that opens this cell is never closed: the {reason} line(s) after it were read into the cell</source>
        <translation>the quote " that opens this cell is never closed: the {reason} line(s) after it were read into the cell</translation>
    </message>
    <message>
        <source>a control character ({reason}) that cannot be kept: delete it and import again</source>
        <translation>a control character ({reason}) that cannot be kept: delete it and import again</translation>
    </message>
    <message>
        <source>the formula has no saved value: open the file in Excel or WPS and save it</source>
        <translation>the formula has no saved value: open the file in Excel or WPS and save it</translation>
    </message>
    <message>
        <source>file “{name}”, sheet “{sheet}”</source>
        <translation>file “{name}”, sheet “{sheet}”</translation>
    </message>
    <message>
        <source>no row among the first {n} of any sheet names the columns 工单号 时间 地址 问题描述</source>
        <translation>no row among the first {n} of any sheet names the columns 工单号 时间 地址 问题描述</translation>
    </message>
    <message>
        <source>an old .xls file: save it as .xlsx or CSV</source>
        <translation>an old .xls file: save it as .xlsx or CSV</translation>
    </message>
    <message>
        <source>not a readable .xlsx file</source>
        <translation>not a readable .xlsx file</translation>
    </message>
    <message>
        <source>too large: more than {rows} rows or {mb} MB</source>
        <translation>too large: more than {rows} rows or {mb} MB</translation>
    </message>
    <message>
        <source>only .xlsx, .csv and .txt files are read</source>
        <translation>only .xlsx, .csv and .txt files are read</translation>
    </message>
    <message>
        <source>the column is missing</source>
        <translation>the column is missing</translation>
    </message>
    <message>
        <source>no cases in the file</source>
        <translation>no cases in the file</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>longer than {n} characters</source>
        <translation>longer than {n} characters</translation>
    </message>
    <message>
        <source>'{value}' appears again (first in row {row})</source>
        <translation>'{value}' appears again (first in row {row})</translation>
    </message>
    <message>
        <source>'{value}' is not a date</source>
        <translation>'{value}' is not a date</translation>
    </message>
    <message>
        <source>photo '{name}' is not in {folder}</source>
        <translation>photo '{name}' is not in {folder}</translation>
    </message>
    <message>
        <source>ducha import cases: no store in {folder}</source>
        <translation>ducha import cases: no store in {folder}</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>not imported</translation>
    </message>
    <message>
        <source>{place}, row {row}, column {column}: {what}</source>
        <translation>{place}, row {row}, column {column}: {what}</translation>
    </message>
    <message>
        <source>{place}, row {row}: {what}</source>
        <translation>{place}, row {row}: {what}</translation>
    </message>
    <message>
        <source>{place}: {what}</source>
        <translation>{place}: {what}</translation>
    </message>
    <message>
        <source>Already imported, so nothing was imported: {tickets}</source>
        <translation>Already imported, so nothing was imported: {tickets}</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} problem(s) in the file</source>
        <translation>Nothing was imported: {count} problem(s) in the file</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported</source>
        <translation>Cancelled: nothing was imported</translation>
    </message>
    <message>
        <source>Imported {count} case(s)</source>
        <translation>Imported {count} case(s)</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>Inspection</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>Citizen photo</source>
        <translation>Citizen photo</translation>
    </message>
    <message>
        <source>Media exposure</source>
        <translation>Media exposure</translation>
    </message>
    <message>
        <source>Leader's instruction</source>
        <translation>Leader's instruction</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>Already imported: {tickets}</source>
        <translation>Already imported: {tickets}</translation>
    </message>
    <message>
        <source>The case is no longer in this store.</source>
        <translation>The case is no longer in this store.</translation>
    </message>
    <message>
        <source>Case {ticket} has already been triaged.</source>
        <translation>Case {ticket} has already been triaged.</translation>
    </message>
    <message>
        <source>The unit is no longer in this store.</source>
        <translation>The unit is no longer in this store.</translation>
    </message>
    <message>
        <source>The zone belongs to another unit.</source>
        <translation>The zone belongs to another unit.</translation>
    </message>
    <message>
        <source>The notice is no longer in this store.</source>
        <translation>The notice is no longer in this store.</translation>
    </message>
    <message>
        <source>Notice {number} is closed: merge into an open one.</source>
        <translation>Notice {number} is closed: merge into an open one.</translation>
    </message>
    <message>
        <source>Give the reason the case is not accepted.</source>
        <translation>Give the reason the case is not accepted.</translation>
    </message>
</context>
<context>
    <name>composite</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Not yet imported: {names}. The totals below leave them out; grades, flags, lists and the documents wait until they are in: import each component's scores for the period (an .xlsx or CSV file with a score per unit) in {menu}.</source>
        <translation>Not yet imported: {names}. The totals below leave them out; grades, flags, lists and the documents wait until they are in: import each component's scores for the period (an .xlsx or CSV file with a score per unit) in {menu}.</translation>
    </message>
    <message>
        <source>On-time rate {rate} is {below} points below {line}%</source>
        <translation>On-time rate {rate} is {below} points below {line}%</translation>
    </message>
    <message>
        <source>Close-out rate {rate} is {below} points below {line}%</source>
        <translation>Close-out rate {rate} is {below} points below {line}%</translation>
    </message>
    <message>
        <source>{count} failed rechecks</source>
        <translation>{count} failed rechecks</translation>
    </message>
    <message>
        <source>{count} notices overdue or rectified late</source>
        <translation>{count} notices overdue or rectified late</translation>
    </message>
    <message>
        <source>{count} disputes refused</source>
        <translation>{count} disputes refused</translation>
    </message>
    <message>
        <source>Imported from {file}</source>
        <translation>Imported from {file}</translation>
    </message>
    <message>
        <source>Mean of {count} quarters' imports</source>
        <translation>Mean of {count} quarters' imports</translation>
    </message>
    <message>
        <source>Mean of {count} monthly scores: {mean}</source>
        <translation>Mean of {count} monthly scores: {mean}</translation>
    </message>
    <message>
        <source>{count} problems exposed on video</source>
        <translation>{count} problems exposed on video</translation>
    </message>
    <message>
        <source>Road chief not on duty {count} times</source>
        <translation>Road chief not on duty {count} times</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>Problem handling</source>
        <translation>Problem handling</translation>
    </message>
    <message>
        <source>Video exposure</source>
        <translation>Video exposure</translation>
    </message>
    <message>
        <source>Road chiefs on duty</source>
        <translation>Road chiefs on duty</translation>
    </message>
    <message>
        <source>Third-party evaluation</source>
        <translation>Third-party evaluation</translation>
    </message>
    <message>
        <source>Public survey</source>
        <translation>Public survey</translation>
    </message>
    <message>
        <source>Special work</source>
        <translation>Special work</translation>
    </message>
    <message>
        <source>Professional inspection</source>
        <translation>Professional inspection</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>No Chinese font is installed, so the document cannot be made (its Chinese text would be missing). Install the WenQuanYi Micro Hei font (Debian/Ubuntu package fonts-wqy-microhei), or put a Chinese TrueType font (.ttf/.ttc) in the resources/fonts folder of the application, then try again.</source>
        <translation>No Chinese font is installed, so the document cannot be made (its Chinese text would be missing). Install the WenQuanYi Micro Hei font (Debian/Ubuntu package fonts-wqy-microhei), or put a Chinese TrueType font (.ttf/.ttc) in the resources/fonts folder of the application, then try again.</translation>
    </message>
    <message>
        <source>The document cannot be written or printed.</source>
        <translation>The document cannot be written or printed.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Cannot write {path}: {error}</translation>
    </message>
    <message>
        <source>{name}: the bulletin is written as .pdf or .docx</source>
        <translation>{name}: the bulletin is written as .pdf or .docx</translation>
    </message>
    <message>
        <source>{name}: the workbook is written as .xlsx</source>
        <translation>{name}: the workbook is written as .xlsx</translation>
    </message>
    <message>
        <source>The original photo {name} cannot be read, so the document was not written.</source>
        <translation>The original photo {name} cannot be read, so the document was not written.</translation>
    </message>
</context>
<context>
    <name>duty</name>
    <message>
        <source>On duty</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Off duty</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Unverified</translation>
    </message>
</context>
<context>
    <name>evidence</name>
    <message>
        <source>No camera time (EXIF) in this photo: it may have been sent through a chat app that strips it. Its time cannot be checked.</source>
        <translation>No camera time (EXIF) in this photo: it may have been sent through a chat app that strips it. Its time cannot be checked.</translation>
    </message>
    <message>
        <source>Taken {days} days away from the inspection's time: check it was taken here.</source>
        <translation>Taken {days} days away from the inspection's time: check it was taken here.</translation>
    </message>
    <message>
        <source>Taken {hours} h away from the inspection's time: check it was taken here.</source>
        <translation>Taken {hours} h away from the inspection's time: check it was taken here.</translation>
    </message>
</context>
<context>
    <name>evidence_times</name>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>No camera time (EXIF) in this photo: when it was taken cannot be checked.</source>
        <translation>No camera time (EXIF) in this photo: when it was taken cannot be checked.</translation>
    </message>
    <message>
        <source>Camera time (EXIF) is {gap} before the inspection started.</source>
        <translation>Camera time (EXIF) is {gap} before the inspection started.</translation>
    </message>
    <message>
        <source>Camera time (EXIF) is {gap} after the inspection finished.</source>
        <translation>Camera time (EXIF) is {gap} after the inspection finished.</translation>
    </message>
    <message>
        <source>The inspector's laptop clock was at least {gap} ahead of the server's when it sent this inspection: its recorded times are not reliable.</source>
        <translation>The inspector's laptop clock was at least {gap} ahead of the server's when it sent this inspection: its recorded times are not reliable.</translation>
    </message>
    <message>
        <source>The laptop clock was at least {gap} ahead of the server's when it sent this photo: its import time is not reliable.</source>
        <translation>The laptop clock was at least {gap} ahead of the server's when it sent this photo: its import time is not reliable.</translation>
    </message>
    <message>
        <source>{start} – {finish}</source>
        <translation>{start} – {finish}</translation>
    </message>
    <message>
        <source>from {start} (not finished)</source>
        <translation>from {start} (not finished)</translation>
    </message>
    <message>
        <source>not known (not received from the server yet)</source>
        <translation>not known (not received from the server yet)</translation>
    </message>
    <message>
        <source>Taken (EXIF file time, DateTime)</source>
        <translation>Taken (EXIF file time, DateTime)</translation>
    </message>
    <message>
        <source>Taken (GPS, UTC)</source>
        <translation>Taken (GPS, UTC)</translation>
    </message>
    <message>
        <source>Taken (XMP)</source>
        <translation>Taken (XMP)</translation>
    </message>
    <message>
        <source>Recorded (the video or audio file's own time)</source>
        <translation>Recorded (the video or audio file's own time)</translation>
    </message>
    <message>
        <source>Taken (EXIF)</source>
        <translation>Taken (EXIF)</translation>
    </message>
</context>
<context>
    <name>import_assessment</name>
    <message>
        <source>ducha import assessment: no store in {folder}</source>
        <translation>ducha import assessment: no store in {folder}</translation>
    </message>
    <message>
        <source>ducha import assessment: only the office (reviewers, administrators) imports scores</source>
        <translation>ducha import assessment: only the office (reviewers, administrators) imports scores</translation>
    </message>
    <message>
        <source>ducha import assessment: nothing imported from {file}:</source>
        <translation>ducha import assessment: nothing imported from {file}:</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>warning: {text}</translation>
    </message>
</context>
<context>
    <name>import_command</name>
    <message>
        <source>video {duration}, {width}×{height}, {codec}</source>
        <translation>video {duration}, {width}×{height}, {codec}</translation>
    </message>
    <message>
        <source>audio {duration}, {codec}</source>
        <translation>audio {duration}, {codec}</translation>
    </message>
    <message>
        <source>photo {width}×{height}</source>
        <translation>photo {width}×{height}</translation>
    </message>
    <message>
        <source>ducha import: no store in {folder}</source>
        <translation>ducha import: no store in {folder}</translation>
    </message>
    <message>
        <source>ducha import: no inspection {id}</source>
        <translation>ducha import: no inspection {id}</translation>
    </message>
    <message>
        <source>ducha import: the inspection is submitted; its evidence no longer changes</source>
        <translation>ducha import: the inspection is submitted; its evidence no longer changes</translation>
    </message>
    <message>
        <source>ducha import: the checklist has no item {code}</source>
        <translation>ducha import: the checklist has no item {code}</translation>
    </message>
    <message>
        <source>imported {imported}, already there {duplicates}, refused {refused}, skipped {skipped}, not saved {unsaved}</source>
        <translation>imported {imported}, already there {duplicates}, refused {refused}, skipped {skipped}, not saved {unsaved}</translation>
    </message>
</context>
<context>
    <name>inspections</name>
    <message>
        <source>Checklist {name} v{version} is retired: choose a current version</source>
        <translation>Checklist {name} v{version} is retired: choose a current version</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>The data is busy with other work: try again in a moment.</source>
        <translation>The data is busy with other work: try again in a moment.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>The disk is full.</translation>
    </message>
    <message>
        <source>Not allowed to read or write the file {name}.</source>
        <translation>Not allowed to read or write the file {name}.</translation>
    </message>
    <message>
        <source>The file {name} was not found.</source>
        <translation>The file {name} was not found.</translation>
    </message>
    <message>
        <source>The file {name} could not be read or written.</source>
        <translation>The file {name} could not be read or written.</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>Something went wrong; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Unannounced (四不两直)</source>
        <translation>Unannounced (四不两直)</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>Open inspection</translation>
    </message>
    <message>
        <source>Covert inspection</source>
        <translation>Covert inspection</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Severe</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Excellent (优秀)</source>
        <translation>Excellent (优秀)</translation>
    </message>
    <message>
        <source>Good (良好)</source>
        <translation>Good (良好)</translation>
    </message>
    <message>
        <source>Pass (合格)</source>
        <translation>Pass (合格)</translation>
    </message>
    <message>
        <source>Fail (不合格)</source>
        <translation>Fail (不合格)</translation>
    </message>
    <message>
        <source>Red flag (流动红旗)</source>
        <translation>Red flag (流动红旗)</translation>
    </message>
    <message>
        <source>Yellow flag (黄旗)</source>
        <translation>Yellow flag (黄旗)</translation>
    </message>
    <message>
        <source>Honour list (红榜)</source>
        <translation>Honour list (红榜)</translation>
    </message>
    <message>
        <source>Shame list (黑榜)</source>
        <translation>Shame list (黑榜)</translation>
    </message>
    <message>
        <source>Road segment</source>
        <translation>Road segment</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>%n working hour(s)</source>
        <translation>%n working hour(s)</translation>
    </message>
    <message>
        <source>%n working day(s)</source>
        <translation>%n working day(s)</translation>
    </message>
    <message>
        <source>%n hour(s)</source>
        <translation>%n hour(s)</translation>
    </message>
    <message>
        <source>%n day(s)</source>
        <translation>%n day(s)</translation>
    </message>
    <message>
        <source>This was not recorded; the details are in the log file.</source>
        <translation>This was not recorded; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>lifecycle</name>
    <message>
        <source>A notice is issued only once</source>
        <translation>A notice is issued only once</translation>
    </message>
    <message>
        <source>Unknown notice event {kind!r}</source>
        <translation>Unknown notice event {kind!r}</translation>
    </message>
    <message>
        <source>'{kind}' is not possible while the notice is '{state}'</source>
        <translation>'{kind}' is not possible while the notice is '{state}'</translation>
    </message>
    <message>
        <source>Acknowledgement needs the signer's name</source>
        <translation>Acknowledgement needs the signer's name</translation>
    </message>
    <message>
        <source>'{kind}' needs a reason</source>
        <translation>'{kind}' needs a reason</translation>
    </message>
    <message>
        <source>'{kind}' needs the name of who asked at the unit</source>
        <translation>'{kind}' needs the name of who asked at the unit</translation>
    </message>
    <message>
        <source>The unit's earlier request for more time is not decided yet</source>
        <translation>The unit's earlier request for more time is not decided yet</translation>
    </message>
    <message>
        <source>A request for more time asks for a date after the due time</source>
        <translation>A request for more time asks for a date after the due time</translation>
    </message>
    <message>
        <source>The unit's earlier dispute is not decided yet</source>
        <translation>The unit's earlier dispute is not decided yet</translation>
    </message>
    <message>
        <source>There is no pending dispute to refuse</source>
        <translation>There is no pending dispute to refuse</translation>
    </message>
    <message>
        <source>A notice is transferred to another unit</source>
        <translation>A notice is transferred to another unit</translation>
    </message>
    <message>
        <source>A transfer needs a new due time after the transfer</source>
        <translation>A transfer needs a new due time after the transfer</translation>
    </message>
    <message>
        <source>An extension is granted before the due time; this notice is already overdue</source>
        <translation>An extension is granted before the due time; this notice is already overdue</translation>
    </message>
    <message>
        <source>An extension needs a new due time after the current one</source>
        <translation>An extension needs a new due time after the current one</translation>
    </message>
    <message>
        <source>A notice starts with an 'issued' event carrying its due time</source>
        <translation>A notice starts with an 'issued' event carrying its due time</translation>
    </message>
</context>
<context>
    <name>loading</name>
    <message>
        <source>The image has too many pixels to be shown safely.</source>
        <translation>The image has too many pixels to be shown safely.</translation>
    </message>
    <message>
        <source>The file is not an image that can be read.</source>
        <translation>The file is not an image that can be read.</translation>
    </message>
    <message>
        <source>The image file is damaged or incomplete.</source>
        <translation>The image file is damaged or incomplete.</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>wrong user name or password.</source>
        <translation>wrong user name or password.</translation>
    </message>
    <message>
        <source>the server cannot be reached; check its address and the network.</source>
        <translation>the server cannot be reached; check its address and the network.</translation>
    </message>
    <message>
        <source>the server did not accept the login.</source>
        <translation>the server did not accept the login.</translation>
    </message>
    <message>
        <source>the server did not accept the new password; choose a longer one.</source>
        <translation>the server did not accept the new password; choose a longer one.</translation>
    </message>
    <message>
        <source>The server no longer accepts this laptop's login: log in again.</source>
        <translation>The server no longer accepts this laptop's login: log in again.</translation>
    </message>
    <message>
        <source>An administrator revoked this laptop's login: log in again.</source>
        <translation>An administrator revoked this laptop's login: log in again.</translation>
    </message>
    <message>
        <source>An administrator released this laptop from your account: log in again, or ask the administrator which account it now belongs to.</source>
        <translation>An administrator released this laptop from your account: log in again, or ask the administrator which account it now belongs to.</translation>
    </message>
    <message>
        <source>Your password was changed: log in again with the new password.</source>
        <translation>Your password was changed: log in again with the new password.</translation>
    </message>
    <message>
        <source>An administrator changed your role: log in again.</source>
        <translation>An administrator changed your role: log in again.</translation>
    </message>
    <message>
        <source>An administrator changed the units you look after: log in again.</source>
        <translation>An administrator changed the units you look after: log in again.</translation>
    </message>
    <message>
        <source>Your account is disabled: ask an administrator to enable it.</source>
        <translation>Your account is disabled: ask an administrator to enable it.</translation>
    </message>
    <message>
        <source>This laptop was logged out: log in again.</source>
        <translation>This laptop was logged out: log in again.</translation>
    </message>
    <message>
        <source>A newer login on this laptop replaced this one: log in again.</source>
        <translation>A newer login on this laptop replaced this one: log in again.</translation>
    </message>
    <message>
        <source>This laptop's login was also used elsewhere, so the server revoked it to be safe: log in again, and tell an administrator.</source>
        <translation>This laptop's login was also used elsewhere, so the server revoked it to be safe: log in again, and tell an administrator.</translation>
    </message>
    <message>
        <source>This laptop has not synced for a long time and its login expired: log in again.</source>
        <translation>This laptop has not synced for a long time and its login expired: log in again.</translation>
    </message>
    <message>
        <source>The saved login belongs to another laptop: log in again.</source>
        <translation>The saved login belongs to another laptop: log in again.</translation>
    </message>
    <message>
        <source>This laptop is registered to another user: log in on your own laptop, or ask an administrator to release this one.</source>
        <translation>This laptop is registered to another user: log in on your own laptop, or ask an administrator to release this one.</translation>
    </message>
    <message>
        <source>The server revoked this login: log in again.</source>
        <translation>The server revoked this login: log in again.</translation>
    </message>
    <message>
        <source>This laptop is not logged in to the server: log in.</source>
        <translation>This laptop is not logged in to the server: log in.</translation>
    </message>
    <message>
        <source>The login has expired: log in again.</source>
        <translation>The login has expired: log in again.</translation>
    </message>
</context>
<context>
    <name>notice</name>
    <message>
        <source>Awaiting receipt</source>
        <translation>Awaiting receipt</translation>
    </message>
    <message>
        <source>Being rectified</source>
        <translation>Being rectified</translation>
    </message>
    <message>
        <source>Awaiting recheck</source>
        <translation>Awaiting recheck</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Rework</translation>
    </message>
    <message>
        <source>Recheck passed</source>
        <translation>Recheck passed</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Received (签收)</source>
        <translation>Received (签收)</translation>
    </message>
    <message>
        <source>Rectification reported</source>
        <translation>Rectification reported</translation>
    </message>
    <message>
        <source>Recheck failed</source>
        <translation>Recheck failed</translation>
    </message>
    <message>
        <source>Extension granted</source>
        <translation>Extension granted</translation>
    </message>
    <message>
        <source>Extension refused</source>
        <translation>Extension refused</translation>
    </message>
    <message>
        <source>Closed (销号)</source>
        <translation>Closed (销号)</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Extension asked (延期申请)</source>
        <translation>Extension asked (延期申请)</translation>
    </message>
    <message>
        <source>Dispute (异议)</source>
        <translation>Dispute (异议)</translation>
    </message>
    <message>
        <source>Dispute refused (推诿)</source>
        <translation>Dispute refused (推诿)</translation>
    </message>
    <message>
        <source>Transferred (改派)</source>
        <translation>Transferred (改派)</translation>
    </message>
    <message>
        <source>dispute pending</source>
        <translation>dispute pending</translation>
    </message>
    <message>
        <source>extension asked</source>
        <translation>extension asked</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{span} overdue</source>
        <translation>{span} overdue</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>granted</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>unfounded (推诿), refused</source>
        <translation>unfounded (推诿), refused</translation>
    </message>
    <message>
        <source>settled by the transfer</source>
        <translation>settled by the transfer</translation>
    </message>
    <message>
        <source>went with the transfer</source>
        <translation>went with the transfer</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>Transferred (改派): {from_unit} → {to_unit}, due {due}; reason: {note}</source>
        <translation>Transferred (改派): {from_unit} → {to_unit}, due {due}; reason: {note}</translation>
    </message>
    <message>
        <source>Dispute by {unit} ({signer}): {note} — {outcome}</source>
        <translation>Dispute by {unit} ({signer}): {note} — {outcome}</translation>
    </message>
    <message>
        <source>Dispute refused: counts as 推诿 against {unit}; reason: {note}</source>
        <translation>Dispute refused: counts as 推诿 against {unit}; reason: {note}</translation>
    </message>
    <message>
        <source>Extension asked by {unit} ({signer}) until {due}: {note} — {outcome}</source>
        <translation>Extension asked by {unit} ({signer}) until {due}: {note} — {outcome}</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <source>A rectification report needs the unit's description of the fix.</source>
        <translation>A rectification report needs the unit's description of the fix.</translation>
    </message>
    <message>
        <source>The inspection is no longer in this store.</source>
        <translation>The inspection is no longer in this store.</translation>
    </message>
    <message>
        <source>A notice is issued from a submitted inspection only.</source>
        <translation>A notice is issued from a submitted inspection only.</translation>
    </message>
    <message>
        <source>Tick at least one problem.</source>
        <translation>Tick at least one problem.</translation>
    </message>
    <message>
        <source>Every finding on a notice must be a problem of its inspection.</source>
        <translation>Every finding on a notice must be a problem of its inspection.</translation>
    </message>
    <message>
        <source>The unit is no longer in this store.</source>
        <translation>The unit is no longer in this store.</translation>
    </message>
    <message>
        <source>The due time must be after the issue time.</source>
        <translation>The due time must be after the issue time.</translation>
    </message>
    <message>
        <source>The time given is before the notice's last recorded step: choose a later time.</source>
        <translation>The time given is before the notice's last recorded step: choose a later time.</translation>
    </message>
    <message>
        <source>The notice is no longer in this store.</source>
        <translation>The notice is no longer in this store.</translation>
    </message>
    <message>
        <source>Choose another unit than the one responsible now.</source>
        <translation>Choose another unit than the one responsible now.</translation>
    </message>
    <message>
        <source>The due time must be after the transfer.</source>
        <translation>The due time must be after the transfer.</translation>
    </message>
</context>
<context>
    <name>org_import</name>
    <message>
        <source>ducha org import: refused, nothing was written ({n} problem(s)):</source>
        <translation>ducha org import: refused, nothing was written ({n} problem(s)):</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>Set up {folder} without a server: {units} unit(s), {zones} zone(s), {people} person(s). This laptop's user: {name} ({role}).</source>
        <translation>Set up {folder} without a server: {units} unit(s), {zones} zone(s), {people} person(s). This laptop's user: {name} ({role}).</translation>
    </message>
    <message>
        <source>Checklist installed: {template}</source>
        <translation>Checklist installed: {template}</translation>
    </message>
    <message>
        <source>The sheet's initial passwords are not kept on the laptop. When a server arrives: ducha org export, then ducha-server org adopt on the server.</source>
        <translation>The sheet's initial passwords are not kept on the laptop. When a server arrives: ducha org export, then ducha-server org adopt on the server.</translation>
    </message>
    <message>
        <source>ducha org export: no store in {folder}</source>
        <translation>ducha org export: no store in {folder}</translation>
    </message>
    <message>
        <source>ducha org export: cannot write {file}: {error}</source>
        <translation>ducha org export: cannot write {file}: {error}</translation>
    </message>
    <message>
        <source>{file}: {unit} unit(s), {zone} zone(s), {person} person(s), {template} template(s), {accounts} account(s). On the server: ducha-server org adopt {file}</source>
        <translation>{file}: {unit} unit(s), {zone} zone(s), {person} person(s), {template} template(s), {accounts} account(s). On the server: ducha-server org adopt {file}</translation>
    </message>
    <message>
        <source>{file}: a template is read from a .json file here (not a sheet)</source>
        <translation>{file}: a template is read from a .json file here (not a sheet)</translation>
    </message>
    <message>
        <source>{file}: not a usable template ({n} problem(s)):</source>
        <translation>{file}: not a usable template ({n} problem(s)):</translation>
    </message>
    <message>
        <source>this store syncs with a server: its organisation comes from the server (use a new data folder for a laptop without a server)</source>
        <translation>this store syncs with a server: its organisation comes from the server (use a new data folder for a laptop without a server)</translation>
    </message>
    <message>
        <source>this store already holds an organisation (the demo's, or one synced): use a new data folder</source>
        <translation>this store already holds an organisation (the demo's, or one synced): use a new data folder</translation>
    </message>
    <message>
        <source>--user {user}: no such username in the users sheet (it has: {names})</source>
        <translation>--user {user}: no such username in the users sheet (it has: {names})</translation>
    </message>
</context>
<context>
    <name>originals</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <source>Not logged in to the server.</source>
        <translation>Not logged in to the server.</translation>
    </message>
    <message>
        <source>problem {item} of the inspection of {zone} on {day}</source>
        <translation>problem {item} of the inspection of {zone} on {day}</translation>
    </message>
    <message>
        <source>the inspection of {zone} on {day}</source>
        <translation>the inspection of {zone} on {day}</translation>
    </message>
    <message>
        <source>the rectification report of notice {number}</source>
        <translation>the rectification report of notice {number}</translation>
    </message>
    <message>
        <source>the recheck of notice {number}</source>
        <translation>the recheck of notice {number}</translation>
    </message>
    <message>
        <source>no record on this computer names it</source>
        <translation>no record on this computer names it</translation>
    </message>
    <message>
        <source>The server cannot be reached, and {n} original photo(s) this document needs are not on this computer. Nothing was written; connect to the server and export again.</source>
        <translation>The server cannot be reached, and {n} original photo(s) this document needs are not on this computer. Nothing was written; connect to the server and export again.</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer, and this computer is not logged in to a server to fetch them. Nothing was written; log in, then export again.</source>
        <translation>{n} original photo(s) this document needs are not on this computer, and this computer is not logged in to a server to fetch them. Nothing was written; log in, then export again.</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer, and the server does not hold them. Nothing was written.</source>
        <translation>{n} original photo(s) this document needs are not on this computer, and the server does not hold them. Nothing was written.</translation>
    </message>
    <message>
        <source>A file the server sent is not the original (its SHA-256 differs): it was refused. {n} original photo(s) are missing; nothing was written.</source>
        <translation>A file the server sent is not the original (its SHA-256 differs): it was refused. {n} original photo(s) are missing; nothing was written.</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer. Nothing was written.</source>
        <translation>{n} original photo(s) this document needs are not on this computer. Nothing was written.</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs could not be fetched from the server. Nothing was written; the details are in the log file.</source>
        <translation>{n} original photo(s) this document needs could not be fetched from the server. Nothing was written; the details are in the log file.</translation>
    </message>
    <message>
        <source>{name} ({owner})</source>
        <translation>{name} ({owner})</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Cancelled: nothing was written.</translation>
    </message>
</context>
<context>
    <name>package</name>
    <message>
        <source>Export evidence package</source>
        <translation>Export evidence package</translation>
    </message>
    <message>
        <source>ZIP archive (*.zip)</source>
        <translation>ZIP archive (*.zip)</translation>
    </message>
    <message>
        <source>Writing the evidence package {name}…</source>
        <translation>Writing the evidence package {name}…</translation>
    </message>
    <message>
        <source>Evidence package saved and verified: {path}</source>
        <translation>Evidence package saved and verified: {path}</translation>
    </message>
    <message>
        <source>The evidence package was not written: {error}</source>
        <translation>The evidence package was not written: {error}</translation>
    </message>
    <message>
        <source>{n} photo original(s) are not on this computer, and no server login is available to fetch them: log in, then try again.</source>
        <translation>{n} photo original(s) are not on this computer, and no server login is available to fetch them: log in, then try again.</translation>
    </message>
    <message>
        <source>Cancelled: no package was written.</source>
        <translation>Cancelled: no package was written.</translation>
    </message>
    <message>
        <source>The server cannot be reached to fetch the originals this computer lacks.</source>
        <translation>The server cannot be reached to fetch the originals this computer lacks.</translation>
    </message>
    <message>
        <source>The login has expired or was refused: log in again, then try again.</source>
        <translation>The login has expired or was refused: log in again, then try again.</translation>
    </message>
    <message>
        <source>A file the server sent is not the original (its SHA-256 differs): it was refused.</source>
        <translation>A file the server sent is not the original (its SHA-256 differs): it was refused.</translation>
    </message>
    <message>
        <source>The server could not send the originals this computer lacks.</source>
        <translation>The server could not send the originals this computer lacks.</translation>
    </message>
    <message>
        <source>The evidence on this computer is incomplete or damaged ({detail}).</source>
        <translation>The evidence on this computer is incomplete or damaged ({detail}).</translation>
    </message>
</context>
<context>
    <name>periods</name>
    <message>
        <source>Q{n} {year}</source>
        <translation>Q{n} {year}</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM yyyy</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>{name}: not a regular file (a pipe, device or folder); skipped</source>
        <translation>{name}: not a regular file (a pipe, device or folder); skipped</translation>
    </message>
    <message>
        <source>{name}: the disk is full</source>
        <translation>{name}: the disk is full</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (it is not there)</source>
        <translation>{name}: the file cannot be read (it is not there)</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (no permission)</source>
        <translation>{name}: the file cannot be read (no permission)</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (the disk or card reported an error)</source>
        <translation>{name}: the file cannot be read (the disk or card reported an error)</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (a folder is gone)</source>
        <translation>{name}: the file cannot be stored (a folder is gone)</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (no permission)</source>
        <translation>{name}: the file cannot be stored (no permission)</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (the disk reported an error)</source>
        <translation>{name}: the file cannot be stored (the disk reported an error)</translation>
    </message>
    <message>
        <source>{name}: the file is larger than {limit} MB</source>
        <translation>{name}: the file is larger than {limit} MB</translation>
    </message>
    <message>
        <source>{name}: the recording is larger than the office's limit of {limit} MB (ask the office to raise it, or trim the recording)</source>
        <translation>{name}: the recording is larger than the office's limit of {limit} MB (ask the office to raise it, or trim the recording)</translation>
    </message>
    <message>
        <source>{name}: could not be imported (the details are in the log)</source>
        <translation>{name}: could not be imported (the details are in the log)</translation>
    </message>
    <message>
        <source>{name}: could not be saved just now (the store was busy or could not be written); the photo is kept: import it again</source>
        <translation>{name}: could not be saved just now (the store was busy or could not be written); the photo is kept: import it again</translation>
    </message>
    <message>
        <source>{name}: the file gave nothing for {seconds} seconds; skipped</source>
        <translation>{name}: the file gave nothing for {seconds} seconds; skipped</translation>
    </message>
    <message>
        <source>{name}: the inspection was submitted or removed; nothing more is added</source>
        <translation>{name}: the inspection was submitted or removed; nothing more is added</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}: the file is empty</translation>
    </message>
    <message>
        <source>{name}: not an image file, or damaged beyond reading</source>
        <translation>{name}: not an image file, or damaged beyond reading</translation>
    </message>
    <message>
        <source>{name}: {format} images are not supported (only JPEG, PNG, TIFF or HEIC)</source>
        <translation>{name}: {format} images are not supported (only JPEG, PNG, TIFF or HEIC)</translation>
    </message>
    <message>
        <source>{name}: the file is truncated or damaged</source>
        <translation>{name}: the file is truncated or damaged</translation>
    </message>
    <message>
        <source>{name}: the image is too large to open safely</source>
        <translation>{name}: the image is too large to open safely</translation>
    </message>
    <message>
        <source>The inspection or its item no longer takes photos (submitted or removed).</source>
        <translation>The inspection or its item no longer takes photos (submitted or removed).</translation>
    </message>
    <message>
        <source>{name}: the recording is truncated or damaged and cannot be played</source>
        <translation>{name}: the recording is truncated or damaged and cannot be played</translation>
    </message>
    <message>
        <source>{name}: not a video or audio recording, or damaged beyond reading</source>
        <translation>{name}: not a video or audio recording, or damaged beyond reading</translation>
    </message>
    <message>
        <source>{name}: the file holds no picture or sound that can be played</source>
        <translation>{name}: the file holds no picture or sound that can be played</translation>
    </message>
</context>
<context>
    <name>plans</name>
    <message>
        <source>A plan for {period} was drawn already: one plan per period.</source>
        <translation>A plan for {period} was drawn already: one plan per period.</translation>
    </message>
    <message>
        <source>{period} has not ended yet: its seed is revealed after its last day.</source>
        <translation>{period} has not ended yet: its seed is revealed after its last day.</translation>
    </message>
    <message>
        <source>The server has no plan for {period}.</source>
        <translation>The server has no plan for {period}.</translation>
    </message>
    <message>
        <source>An account in a team is unknown to the server or disabled.</source>
        <translation>An account in a team is unknown to the server or disabled.</translation>
    </message>
    <message>
        <source>The unit chosen is not known to the server.</source>
        <translation>The unit chosen is not known to the server.</translation>
    </message>
    <message>
        <source>The server has no inspection template.</source>
        <translation>The server has no inspection template.</translation>
    </message>
    <message>
        <source>No active zone is in the zones chosen.</source>
        <translation>No active zone is in the zones chosen.</translation>
    </message>
    <message>
        <source>{period} is not a period: a month such as 2027-01 or an ISO week such as 2027-W02.</source>
        <translation>{period} is not a period: a month such as 2027-01 or an ISO week such as 2027-W02.</translation>
    </message>
    <message>
        <source>No plan keeps every rule with these inputs: add visits or teams, or choose fewer zones.</source>
        <translation>No plan keeps every rule with these inputs: add visits or teams, or choose fewer zones.</translation>
    </message>
    <message>
        <source>Only admins draw plans and reveal their seeds.</source>
        <translation>Only admins draw plans and reveal their seeds.</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>The change is incomplete or malformed: a field is missing or out of range.</source>
        <translation>The change is incomplete or malformed: a field is missing or out of range.</translation>
    </message>
    <message>
        <source>Your role or units do not allow this change, or you are not on this record.</source>
        <translation>Your role or units do not allow this change, or you are not on this record.</translation>
    </message>
    <message>
        <source>The change names a record the server does not hold or you may not see (a zone, unit, template or person): sync again, or ask an administrator.</source>
        <translation>The change names a record the server does not hold or you may not see (a zone, unit, template or person): sync again, or ask an administrator.</translation>
    </message>
    <message>
        <source>This step does not follow from the record's current state.</source>
        <translation>This step does not follow from the record's current state.</translation>
    </message>
    <message>
        <source>The record is submitted or closed: it no longer changes.</source>
        <translation>The record is submitted or closed: it no longer changes.</translation>
    </message>
    <message>
        <source>The notice is closed (销号): it no longer changes.</source>
        <translation>The notice is closed (销号): it no longer changes.</translation>
    </message>
    <message>
        <source>This kind of record is only ever added: it is never changed or deleted.</source>
        <translation>This kind of record is only ever added: it is never changed or deleted.</translation>
    </message>
    <message>
        <source>The change names another person as its author than the one logged in.</source>
        <translation>The change names another person as its author than the one logged in.</translation>
    </message>
    <message>
        <source>The photo's file has not reached the server yet: sync again.</source>
        <translation>The photo's file has not reached the server yet: sync again.</translation>
    </message>
    <message>
        <source>The notice number is not one reserved for this laptop.</source>
        <translation>The notice number is not one reserved for this laptop.</translation>
    </message>
    <message>
        <source>The submitted inspection differs from what the server holds of it: it was opened again to check and submit once more.</source>
        <translation>The submitted inspection differs from what the server holds of it: it was opened again to check and submit once more.</translation>
    </message>
    <message>
        <source>Another case already holds this ticket number (工单号).</source>
        <translation>Another case already holds this ticket number (工单号).</translation>
    </message>
    <message>
        <source>The zone (or its unit) was retired: a new inspection uses a zone still in use.</source>
        <translation>The zone (or its unit) was retired: a new inspection uses a zone still in use.</translation>
    </message>
    <message>
        <source>The template version was retired: a new inspection uses a current one, and a retired version stays retired.</source>
        <translation>The template version was retired: a new inspection uses a current one, and a retired version stays retired.</translation>
    </message>
    <message>
        <source>A published template version never changes its items: publish a new version.</source>
        <translation>A published template version never changes its items: publish a new version.</translation>
    </message>
    <message>
        <source>Records were made in this zone: it stays in its unit. Retire it and add a zone to the other unit.</source>
        <translation>Records were made in this zone: it stays in its unit. Retire it and add a zone to the other unit.</translation>
    </message>
    <message>
        <source>The unit still has zones in use: retire them or move them first.</source>
        <translation>The unit still has zones in use: retire them or move them first.</translation>
    </message>
    <message>
        <source>The unit is retired: a zone is added to or brought back in a unit in use.</source>
        <translation>The unit is retired: a zone is added to or brought back in a unit in use.</translation>
    </message>
    <message>
        <source>The server does not hold the unit named.</source>
        <translation>The server does not hold the unit named.</translation>
    </message>
    <message>
        <source>The batch holds more changes than the server takes at once.</source>
        <translation>The batch holds more changes than the server takes at once.</translation>
    </message>
</context>
<context>
    <name>remote</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <source>Not logged in to the server.</source>
        <translation>Not logged in to the server.</translation>
    </message>
    <message>
        <source>The server does not hold this original.</source>
        <translation>The server does not hold this original.</translation>
    </message>
    <message>
        <source>The file the server sent is not the original: it was refused.</source>
        <translation>The file the server sent is not the original: it was refused.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>The server could not send it.</source>
        <translation>The server could not send it.</translation>
    </message>
</context>
<context>
    <name>reviews</name>
    <message>
        <source>Unknown review decision.</source>
        <translation>Unknown review decision.</translation>
    </message>
    <message>
        <source>A returned inspection needs a comment saying what to correct.</source>
        <translation>A returned inspection needs a comment saying what to correct.</translation>
    </message>
    <message>
        <source>The inspection is no longer in this store.</source>
        <translation>The inspection is no longer in this store.</translation>
    </message>
    <message>
        <source>Only a submitted inspection can be reviewed.</source>
        <translation>Only a submitted inspection can be reviewed.</translation>
    </message>
    <message>
        <source>This version has been corrected: review the newest version.</source>
        <translation>This version has been corrected: review the newest version.</translation>
    </message>
    <message>
        <source>A review cannot be dated before the inspection's last review.</source>
        <translation>A review cannot be dated before the inspection's last review.</translation>
    </message>
</context>
<context>
    <name>score_import</name>
    <message>
        <source>Row {row}, column {column}</source>
        <translation>Row {row}, column {column}</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}, column {column}</source>
        <translation>Sheet {sheet}, row {row}, column {column}</translation>
    </message>
    <message>
        <source>The file has no column 得分 or {name}.</source>
        <translation>The file has no column 得分 or {name}.</translation>
    </message>
    <message>
        <source>The file has one column 得分: say which component it scores (第三方评估, 民调, 专项工作 or 专业检查).</source>
        <translation>The file has one column 得分: say which component it scores (第三方评估, 民调, 专项工作 or 专业检查).</translation>
    </message>
    <message>
        <source>The file has no score column: 得分, or one named 第三方评估, 民调, 专项工作 or 专业检查.</source>
        <translation>The file has no score column: 得分, or one named 第三方评估, 民调, 专项工作 or 专业检查.</translation>
    </message>
    <message>
        <source>{name} is not a component of the office's composite assessment (单位设置 → 综合考核).</source>
        <translation>{name} is not a component of the office's composite assessment (单位设置 → 综合考核).</translation>
    </message>
    <message>
        <source>{period} is not a quarter (e.g. 2026-Q3) or a year (2026).</source>
        <translation>{period} is not a quarter (e.g. 2026-Q3) or a year (2026).</translation>
    </message>
    <message>
        <source>{name} is not an imported component: 第三方评估 (third_party), 民调 (survey), 专项工作 (special) or 专业检查 (professional).</source>
        <translation>{name} is not an imported component: 第三方评估 (third_party), 民调 (survey), 专项工作 (special) or 专业检查 (professional).</translation>
    </message>
    <message>
        <source>{file} cannot be read.</source>
        <translation>{file} cannot be read.</translation>
    </message>
    <message>
        <source>{file} has no column 单位 (the unit's name) in its first rows.</source>
        <translation>{file} has no column 单位 (the unit's name) in its first rows.</translation>
    </message>
    <message>
        <source>{where}: no unit named.</source>
        <translation>{where}: no unit named.</translation>
    </message>
    <message>
        <source>{where}: no unit is named {name}.</source>
        <translation>{where}: no unit is named {name}.</translation>
    </message>
    <message>
        <source>{where}: {name} is listed twice (first on row {first}).</source>
        <translation>{where}: {name} is listed twice (first on row {first}).</translation>
    </message>
    <message>
        <source>{where}: '{value}' is not a number.</source>
        <translation>{where}: '{value}' is not a number.</translation>
    </message>
    <message>
        <source>{where}: {value} is outside 0 to {full} (full marks).</source>
        <translation>{where}: {value} is outside 0 to {full} (full marks).</translation>
    </message>
    <message>
        <source>{file} scores no unit.</source>
        <translation>{file} scores no unit.</translation>
    </message>
    <message>
        <source>{name}: {count} units are not scored by this file and stay missing: {units}</source>
        <translation>{name}: {count} units are not scored by this file and stay missing: {units}</translation>
    </message>
    <message>
        <source>{file} is too large for a score sheet.</source>
        <translation>{file} is too large for a score sheet.</translation>
    </message>
    <message>
        <source>{file} is neither UTF-8, GBK nor UTF-16 text: save it again as CSV UTF-8.</source>
        <translation>{file} is neither UTF-8, GBK nor UTF-16 text: save it again as CSV UTF-8.</translation>
    </message>
    <message>
        <source>{file} is not an .xlsx workbook.</source>
        <translation>{file} is not an .xlsx workbook.</translation>
    </message>
    <message>
        <source>{file} is an old .xls workbook: save it again as .xlsx or CSV.</source>
        <translation>{file} is an old .xls workbook: save it again as .xlsx or CSV.</translation>
    </message>
    <message>
        <source>{file} has a password: remove it in Excel or WPS and save the workbook again.</source>
        <translation>{file} has a password: remove it in Excel or WPS and save the workbook again.</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} is empty.</translation>
    </message>
    <message>
        <source>{file} is not there.</source>
        <translation>{file} is not there.</translation>
    </message>
    <message>
        <source>{file} is a folder, not a file.</source>
        <translation>{file} is a folder, not a file.</translation>
    </message>
    <message>
        <source>{file} is not a regular file (a pipe or a device).</source>
        <translation>{file} is not a regular file (a pipe or a device).</translation>
    </message>
    <message>
        <source>{file} cannot be read: no permission.</source>
        <translation>{file} cannot be read: no permission.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>{file} cannot be read ({reason}).</translation>
    </message>
    <message>
        <source>{where}: the cell is longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote " joins the lines after it into one cell).</source>
        <translation>{where}: the cell is longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote " joins the lines after it into one cell).</translation>
    </message>
    <message>
        <source>{where}: the quote " that opens the cell is never closed: the {reason} line(s) after it were read into the cell.</source>
        <translation>{where}: the quote " that opens the cell is never closed: the {reason} line(s) after it were read into the cell.</translation>
    </message>
    <message>
        <source>{where}: the cell holds a control character ({reason}) that cannot be kept: delete it and import again.</source>
        <translation>{where}: the cell holds a control character ({reason}) that cannot be kept: delete it and import again.</translation>
    </message>
    <message>
        <source>{where}: the formula has no saved value: open the file in Excel or WPS and save it.</source>
        <translation>{where}: the formula has no saved value: open the file in Excel or WPS and save it.</translation>
    </message>
    <message>
        <source>{file}: only .xlsx, .csv and .txt files are read.</source>
        <translation>{file}: only .xlsx, .csv and .txt files are read.</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}, row {row}, column {column}</source>
        <translation>{file}, sheet {sheet}, row {row}, column {column}</translation>
    </message>
    <message>
        <source>{file}, row {row}, column {column}</source>
        <translation>{file}, row {row}, column {column}</translation>
    </message>
    <message>
        <source>{name} {period}: {count} units imported from {file}</source>
        <translation>{name} {period}: {count} units imported from {file}</translation>
    </message>
    <message>
        <source>  replacing the import of {time} from {file} (kept in its history)</source>
        <translation>  replacing the import of {time} from {file} (kept in its history)</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Welcome to Ducha</source>
        <translation>Welcome to Ducha</translation>
    </message>
    <message>
        <source>Your name (as it appears on notices):</source>
        <translation>Your name (as it appears on notices):</translation>
    </message>
    <message>
        <source>Ducha could not start. The details were written to the log in {path}.</source>
        <translation>Ducha could not start. The details were written to the log in {path}.</translation>
    </message>
</context>
<context>
    <name>submission</name>
    <message>
        <source>No inspector is named</source>
        <translation>No inspector is named</translation>
    </message>
    <message>
        <source>{code} {text}: no result recorded</source>
        <translation>{code} {text}: no result recorded</translation>
    </message>
    <message>
        <source>{code} {text}: a problem needs at least one case</source>
        <translation>{code} {text}: a problem needs at least one case</translation>
    </message>
    <message>
        <source>{code} {text}: describe the problem</source>
        <translation>{code} {text}: describe the problem</translation>
    </message>
    <message>
        <source>{code} {text}: the item asks for photo evidence</source>
        <translation>{code} {text}: the item asks for photo evidence</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>The server cannot be reached; the work waits and goes out at the next sync.</source>
        <translation>The server cannot be reached; the work waits and goes out at the next sync.</translation>
    </message>
    <message>
        <source>The server did not answer in time; the work waits and goes out at the next sync.</source>
        <translation>The server did not answer in time; the work waits and goes out at the next sync.</translation>
    </message>
    <message>
        <source>The server's certificate is not trusted: check the server address and its certificate in the settings.</source>
        <translation>The server's certificate is not trusted: check the server address and its certificate in the settings.</translation>
    </message>
    <message>
        <source>The server is busy or being restarted and did not take the work after several tries; it waits and goes out at the next sync.</source>
        <translation>The server is busy or being restarted and did not take the work after several tries; it waits and goes out at the next sync.</translation>
    </message>
    <message>
        <source>The server had a problem and did not take the work; it waits and goes out at the next sync. Tell the office if this stays.</source>
        <translation>The server had a problem and did not take the work; it waits and goes out at the next sync. Tell the office if this stays.</translation>
    </message>
    <message>
        <source>The server's answer could not be read; nothing was marked sent and the work goes out at the next sync. Tell the office if this stays.</source>
        <translation>The server's answer could not be read; nothing was marked sent and the work goes out at the next sync. Tell the office if this stays.</translation>
    </message>
    <message>
        <source>The server refused the request; the work stays on this laptop. The details say why; tell the office if this stays.</source>
        <translation>The server refused the request; the work stays on this laptop. The details say why; tell the office if this stays.</translation>
    </message>
    <message>
        <source>The server refused the request as larger than it accepts; the work stays on this laptop. Tell the office.</source>
        <translation>The server refused the request as larger than it accepts; the work stays on this laptop. Tell the office.</translation>
    </message>
    <message>
        <source>The server refused the request: this account may not do it (its role or units); the work stays on this laptop.</source>
        <translation>The server refused the request: this account may not do it (its role or units); the work stays on this laptop.</translation>
    </message>
    <message>
        <source>The server did not accept what this laptop sent: this version of Ducha may not match the server's. The work stays on this laptop; update Ducha or tell the office.</source>
        <translation>The server did not accept what this laptop sent: this version of Ducha may not match the server's. The work stays on this laptop; update Ducha or tell the office.</translation>
    </message>
    <message>
        <source>The login has expired or is not valid: log in again.</source>
        <translation>The login has expired or is not valid: log in again.</translation>
    </message>
    <message>
        <source>Not logged in to a server: log in first.</source>
        <translation>Not logged in to a server: log in first.</translation>
    </message>
    <message>
        <source>Wrong user name or password for {user}.</source>
        <translation>Wrong user name or password for {user}.</translation>
    </message>
    <message>
        <source>Photo {name}: the server found its bytes differ from the original's fingerprint; the copy on this laptop may be damaged. Nothing after it was sent.</source>
        <translation>Photo {name}: the server found its bytes differ from the original's fingerprint; the copy on this laptop may be damaged. Nothing after it was sent.</translation>
    </message>
    <message>
        <source>Photo {name}: its original file is missing from this laptop, so it cannot be sent; nothing after it was sent either.</source>
        <translation>Photo {name}: its original file is missing from this laptop, so it cannot be sent; nothing after it was sent either.</translation>
    </message>
    <message>
        <source>Sync cancelled; what was not sent waits for the next sync.</source>
        <translation>Sync cancelled; what was not sent waits for the next sync.</translation>
    </message>
    <message>
        <source>The sync stopped; the details are in the log file.</source>
        <translation>The sync stopped; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>template</name>
    <message>
        <source>{where}: an item must be an object</source>
        <translation>{where}: an item must be an object</translation>
    </message>
    <message>
        <source>Item {item}: missing '{field}'</source>
        <translation>Item {item}: missing '{field}'</translation>
    </message>
    <message>
        <source>Item {item}: '{field}' is empty</source>
        <translation>Item {item}: '{field}' is empty</translation>
    </message>
    <message>
        <source>Item {item}: GB/T 47678.5 code {value!r} is not 5 digits</source>
        <translation>Item {item}: GB/T 47678.5 code {value!r} is not 5 digits</translation>
    </message>
    <message>
        <source>Item {item}: deduction per case must be a number above 0</source>
        <translation>Item {item}: deduction per case must be a number above 0</translation>
    </message>
    <message>
        <source>Item {item}: the cap must be a number above 0</source>
        <translation>Item {item}: the cap must be a number above 0</translation>
    </message>
    <message>
        <source>Item {item}: the weight (分值) must be a number above 0</source>
        <translation>Item {item}: the weight (分值) must be a number above 0</translation>
    </message>
    <message>
        <source>Item {item}: deduction per case {per_case} exceeds the cap {cap}</source>
        <translation>Item {item}: deduction per case {per_case} exceeds the cap {cap}</translation>
    </message>
    <message>
        <source>Item {item}: the cap {cap} exceeds the item's weight {weight}</source>
        <translation>Item {item}: the cap {cap} exceeds the item's weight {weight}</translation>
    </message>
    <message>
        <source>Item {item}: unknown severity {value!r}</source>
        <translation>Item {item}: unknown severity {value!r}</translation>
    </message>
    <message>
        <source>Item {item}: unknown time-limit unit {value!r} (work_hours, work_days, hours or days)</source>
        <translation>Item {item}: unknown time-limit unit {value!r} (work_hours, work_days, hours or days)</translation>
    </message>
    <message>
        <source>Item {item}: the time limit must be above 0</source>
        <translation>Item {item}: the time limit must be above 0</translation>
    </message>
    <message>
        <source>Item {item}: days must be whole</source>
        <translation>Item {item}: days must be whole</translation>
    </message>
    <message>
        <source>Item {item}: photo_required must be true or false</source>
        <translation>Item {item}: photo_required must be true or false</translation>
    </message>
    <message>
        <source>Item {item}: the weight {weight} exceeds the full score {full_score}</source>
        <translation>Item {item}: the weight {weight} exceeds the full score {full_score}</translation>
    </message>
    <message>
        <source>Category {category}: the cap {cap} exceeds the full score {full_score}</source>
        <translation>Category {category}: the cap {cap} exceeds the full score {full_score}</translation>
    </message>
    <message>
        <source>Category {category}: the cap {cap} exceeds the {weight} points its items carry together</source>
        <translation>Category {category}: the cap {cap} exceeds the {weight} points its items carry together</translation>
    </message>
    <message>
        <source>Every category has a cap: the caps add up to {total}, not the full score {full_score}</source>
        <translation>Every category has a cap: the caps add up to {total}, not the full score {full_score}</translation>
    </message>
    <message>
        <source>A template must be a JSON object</source>
        <translation>A template must be a JSON object</translation>
    </message>
    <message>
        <source>The template has no name</source>
        <translation>The template has no name</translation>
    </message>
    <message>
        <source>The template version must be a whole number ≥ 1</source>
        <translation>The template version must be a whole number ≥ 1</translation>
    </message>
    <message>
        <source>The full score must be a number above 0</source>
        <translation>The full score must be a number above 0</translation>
    </message>
    <message>
        <source>The template has no categories</source>
        <translation>The template has no categories</translation>
    </message>
    <message>
        <source>Category {index}: it needs a name and a list of items</source>
        <translation>Category {index}: it needs a name and a list of items</translation>
    </message>
    <message>
        <source>Category {index} has no name</source>
        <translation>Category {index} has no name</translation>
    </message>
    <message>
        <source>Item {item}: duplicate code</source>
        <translation>Item {item}: duplicate code</translation>
    </message>
    <message>
        <source>Category {category}: the cap must be a number above 0</source>
        <translation>Category {category}: the cap must be a number above 0</translation>
    </message>
    <message>
        <source>The template has no items</source>
        <translation>The template has no items</translation>
    </message>
</context>
<context>
    <name>template_file</name>
    <message>
        <source>File {file}: too large for a template</source>
        <translation>File {file}: too large for a template</translation>
    </message>
    <message>
        <source>File {file}: the text is neither UTF-8 nor GBK; save it as UTF-8</source>
        <translation>File {file}: the text is neither UTF-8 nor GBK; save it as UTF-8</translation>
    </message>
    <message>
        <source>File {file}: not a readable .xlsx workbook (damaged, or another format)</source>
        <translation>File {file}: not a readable .xlsx workbook (damaged, or another format)</translation>
    </message>
    <message>
        <source>File {file}: an old .xls/.et workbook; save it as .xlsx first</source>
        <translation>File {file}: an old .xls/.et workbook; save it as .xlsx first</translation>
    </message>
    <message>
        <source>File {file}: not a template file (.xlsx, .csv or .json)</source>
        <translation>File {file}: not a template file (.xlsx, .csv or .json)</translation>
    </message>
    <message>
        <source>File {file}: protected by a password; save it without one</source>
        <translation>File {file}: protected by a password; save it without one</translation>
    </message>
    <message>
        <source>File {file}: nothing in it</source>
        <translation>File {file}: nothing in it</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: no such file</source>
        <translation>File {file}: cannot be read: no such file</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: it is a folder</source>
        <translation>File {file}: cannot be read: it is a folder</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: not a regular file</source>
        <translation>File {file}: cannot be read: not a regular file</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: no permission</source>
        <translation>File {file}: cannot be read: no permission</translation>
    </message>
    <message>
        <source>File {file}: cannot be read ({reason})</source>
        <translation>File {file}: cannot be read ({reason})</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a formula without a saved value; open the file in Excel or WPS, save it and import it again</source>
        <translation>File {file}, sheet {sheet}, row {row}, column {column}: a formula without a saved value; open the file in Excel or WPS, save it and import it again</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a cell too long (a quote left open?)</source>
        <translation>File {file}, sheet {sheet}, row {row}, column {column}: a cell too long (a quote left open?)</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a quote opened and never closed</source>
        <translation>File {file}, sheet {sheet}, row {row}, column {column}: a quote opened and never closed</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a control character {reason}</source>
        <translation>File {file}, sheet {sheet}, row {row}, column {column}: a control character {reason}</translation>
    </message>
    <message>
        <source>File {file}: not valid JSON at line {line}, column {col}</source>
        <translation>File {file}: not valid JSON at line {line}, column {col}</translation>
    </message>
    <message>
        <source>File {file}: nested too deeply</source>
        <translation>File {file}: nested too deeply</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: {value!r} is not one of {choices}</source>
        <translation>Item {item} (row {row}), column {column}: {value!r} is not one of {choices}</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: empty (a formula without a saved value reads as empty)</source>
        <translation>Item {item} (row {row}), column {column}: empty (a formula without a saved value reads as empty)</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: {value!r} is not a number</source>
        <translation>Item {item} (row {row}), column {column}: {value!r} is not a number</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: empty; an item needs its weight (分值) or its cap (单项上限)</source>
        <translation>Item {item} (row {row}), column {column}: empty; an item needs its weight (分值) or its cap (单项上限)</translation>
    </message>
    <message>
        <source>Row {row}, {field}: {value!r} is not a number</source>
        <translation>Row {row}, {field}: {value!r} is not a number</translation>
    </message>
    <message>
        <source>Row {row}, {field}: {value!r} is not a whole number</source>
        <translation>Row {row}, {field}: {value!r} is not a whole number</translation>
    </message>
    <message>
        <source>No sheet of items found: a header row naming at least 编码/code and 问题/text is needed (sheet 细则/items)</source>
        <translation>No sheet of items found: a header row naming at least 编码/code and 问题/text is needed (sheet 细则/items)</translation>
    </message>
    <message>
        <source>Sheet {sheet}: column {column} is missing (row {row})</source>
        <translation>Sheet {sheet}: column {column} is missing (row {row})</translation>
    </message>
    <message>
        <source>Sheet {sheet}: a column 分值/weight or 单项上限/max_deduction is needed</source>
        <translation>Sheet {sheet}: a column 分值/weight or 单项上限/max_deduction is needed</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: the code is already used in row {first}</source>
        <translation>Item {item} (row {row}), column {column}: the code is already used in row {first}</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}: category {category} has no items</source>
        <translation>Sheet {sheet}, row {row}: category {category} has no items</translation>
    </message>
    <message>
        <source>Category {category} (row {row}), column {column}: {value!r} is not a number</source>
        <translation>Category {category} (row {row}), column {column}: {value!r} is not a number</translation>
    </message>
</context>
<context>
    <name>uncaught</name>
    <message>
        <source>Something went wrong in Ducha. Your work up to now is saved.</source>
        <translation>Something went wrong in Ducha. Your work up to now is saved.</translation>
    </message>
    <message>
        <source>The details were written to the log file {path}. If this happens again, send that file to whoever looks after Ducha for your office.</source>
        <translation>The details were written to the log file {path}. If this happens again, send that file to whoever looks after Ducha for your office.</translation>
    </message>
    <message>
        <source>Ducha: an error</source>
        <translation>Ducha: an error</translation>
    </message>
</context>
<context>
    <name>updates</name>
    <message>
        <source>ducha update: no store in {folder}</source>
        <translation>ducha update: no store in {folder}</translation>
    </message>
    <message>
        <source>ducha update: this laptop is not logged in to a server</source>
        <translation>ducha update: this laptop is not logged in to a server</translation>
    </message>
    <message>
        <source>No updates are offered for this operating system.</source>
        <translation>No updates are offered for this operating system.</translation>
    </message>
    <message>
        <source>Up to date: the server offers no newer version.</source>
        <translation>Up to date: the server offers no newer version.</translation>
    </message>
    <message>
        <source>New version {version} available: {file}, {size} bytes.</source>
        <translation>New version {version} available: {file}, {size} bytes.</translation>
    </message>
    <message>
        <source>Downloaded and verified (size, SHA-256, signature): {path}</source>
        <translation>Downloaded and verified (size, SHA-256, signature): {path}</translation>
    </message>
    <message>
        <source>ducha update: {why}</source>
        <translation>ducha update: {why}</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its size is not the size that was signed.</source>
        <translation>Installer check failed: {file}: its size is not the size that was signed.</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its SHA-256 is not the one that was signed.</source>
        <translation>Installer check failed: {file}: its SHA-256 is not the one that was signed.</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its signature does not match.</source>
        <translation>Installer check failed: {file}: its signature does not match.</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: it is signed with a key this program does not trust.</source>
        <translation>Installer check failed: {file}: it is signed with a key this program does not trust.</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: it is not an installer for this computer.</source>
        <translation>Installer check failed: {file}: it is not an installer for this computer.</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: the server sent more than the signed size.</source>
        <translation>Installer check failed: {file}: the server sent more than the signed size.</translation>
    </message>
    <message>
        <source>No update is on offer: sync first.</source>
        <translation>No update is on offer: sync first.</translation>
    </message>
</context>
<context>
    <name>watermark</name>
    <message>
        <source>Taken {time}</source>
        <translation>Taken {time}</translation>
    </message>
    <message>
        <source>No camera time · imported {time}</source>
        <translation>No camera time · imported {time}</translation>
    </message>
    <message>
        <source>GPS {lat:.6f}, {lon:.6f}</source>
        <translation>GPS {lat:.6f}, {lon:.6f}</translation>
    </message>
    <message>
        <source>No GPS position</source>
        <translation>No GPS position</translation>
    </message>
    <message>
        <source>{zone} · {unit}</source>
        <translation>{zone} · {unit}</translation>
    </message>
    <message>
        <source>Inspectors: {names}</source>
        <translation>Inspectors: {names}</translation>
    </message>
</context>
</TS>