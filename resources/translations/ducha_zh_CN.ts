<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FilterBar</name>
    <message>
        <source>Search zone, unit, inspector, summary (Ctrl+F)</source>
        <translation>搜索区域、单位、督查人员、小结（Ctrl+F）</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>InspectionDetail</name>
    <message>
        <source>Select an inspection.</source>
        <translation>请选择一条督查记录。</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Road chief</source>
        <translation>路长</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>督查方式</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>考核细则</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已检查</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>数字摘要</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>得分 {score}</translation>
    </message>
    <message>
        <source>{n} problem(s)</source>
        <translation>问题 {n} 个</translation>
    </message>
    <message>
        <source>Corrects an earlier inspection.</source>
        <translation>本记录更正了此前的一次督查。</translation>
    </message>
    <message>
        <source>Corrected by a later version.</source>
        <translation>已被后续版本更正。</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>{n} case(s)</source>
        <translation>{n} 处</translation>
    </message>
</context>
<context>
    <name>InspectionEditor</name>
    <message>
        <source>Summary of the inspection (optional)</source>
        <translation>督查小结（选填）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Remaining items OK</source>
        <translation>其余项目全部合格</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Submit and lock (Ctrl+Enter)</source>
        <translation>提交并锁定（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Make a new draft that corrects this submitted inspection</source>
        <translation>新建一份草稿，更正这次已提交的督查</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Inspection — {zone}</source>
        <translation>督查 — {zone}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{zone}&lt;/b&gt; ({kind}) · Responsible unit: {unit} · Road chief: {chief}&lt;br&gt;{mode} · Started {started} · Inspectors: {people} · {template}</source>
        <translation>&lt;b&gt;{zone}&lt;/b&gt;（{kind}）· 责任单位：{unit} · 路长：{chief}&lt;br&gt;{mode} · 开始于 {started} · 督查人员：{people} · {template}</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>得分 {score}</translation>
    </message>
    <message>
        <source>Deducted {deducted} · {problems} problem(s) · {done}/{total} checked</source>
        <translation>扣 {deducted} 分 · 问题 {problems} 个 · 已检查 {done}/{total}</translation>
    </message>
    <message>
        <source>Submitted {finished} and locked. Digest {digest}. To change anything, use Correct.</source>
        <translation>已于 {finished} 提交并锁定。数字摘要 {digest}。如需修改，请使用&quot;更正&quot;。</translation>
    </message>
    <message>
        <source>A correction of it exists.</source>
        <translation>已有更正版本。</translation>
    </message>
    <message>
        <source>Draft correcting an earlier submitted inspection.</source>
        <translation>草稿：更正此前已提交的督查。</translation>
    </message>
    <message>
        <source>This inspection is submitted and cannot be changed. Use Correct to amend it.</source>
        <translation>该督查已提交，不能修改。请使用&quot;更正&quot;。</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 项</translation>
    </message>
    <message>
        <source>Cannot submit yet:</source>
        <translation>暂不能提交：</translation>
    </message>
    <message>
        <source>Please check before submitting:</source>
        <translation>提交前请确认：</translation>
    </message>
    <message>
        <source>Press Submit again to submit anyway.</source>
        <translation>再次点击&quot;仍然提交&quot;即可提交。</translation>
    </message>
    <message>
        <source>Submit anyway</source>
        <translation>仍然提交</translation>
    </message>
</context>
<context>
    <name>InspectionListModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>督查方式</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (correction)</source>
        <translation>（更正）</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source> case(s)</source>
        <translation> 处</translation>
    </message>
    <message>
        <source>Where exactly, e.g. the north-east corner of the crossing</source>
        <translation>具体位置，如：路口东北角</translation>
    </message>
    <message>
        <source>What you saw</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>处数</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source> · photo evidence required</source>
        <translation> · 须拍照取证</translation>
    </message>
    <message>
        <source>GB/T 47678.5 {gb} · {per} per case, at most {cap} · time limit {due}{photo}</source>
        <translation>GB/T 47678.5 {gb} · 每处扣 {per} 分，最多扣 {cap} 分 · 整改时限 {due}{photo}</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 分</translation>
    </message>
    <message>
        <source>If a notice is issued now: {due}</source>
        <translation>若现在下发通知：{due}</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: counted by weekends only. Check the date, and update resources/calendar/cn_workdays.json.</source>
        <translation>⚠ 节假日数据未覆盖 {years} 年，仅按周末推算。请核对日期，并更新 resources/calendar/cn_workdays.json。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ducha — field supervision</source>
        <translation>督查 — 城市管理现场督查</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>新建督查</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Changes waiting to sync: {n}</source>
        <translation>待同步更改：{n}</translation>
    </message>
    <message>
        <source>No zones</source>
        <translation>没有责任区域</translation>
    </message>
    <message>
        <source>This store has no zones yet. Load the demo (ducha demo) or sync with a server.</source>
        <translation>本机数据中还没有责任区域。请载入演示数据（ducha demo）或与服务器同步。</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <source>New inspection</source>
        <translation>新建督查</translation>
    </message>
    <message>
        <source>Type to search zones</source>
        <translation>输入以搜索区域</translation>
    </message>
    <message>
        <source> (me)</source>
        <translation>（本人）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>考核细则</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>督查方式</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Responsible unit: {unit}
Road chief: {chief}</source>
        <translation>责任单位：{unit}
路长：{chief}</translation>
    </message>
    <message>
        <source>Choose the zone you are inspecting.</source>
        <translation>请选择督查的责任区域。</translation>
    </message>
    <message>
        <source>No checklist is installed.</source>
        <translation>没有安装考核细则。</translation>
    </message>
    <message>
        <source>Tick at least one inspector.</source>
        <translation>请至少勾选一名督查人员。</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Unannounced (四不两直)</source>
        <translation>四不两直</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>明查</translation>
    </message>
    <message>
        <source>Covert inspection</source>
        <translation>暗访</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>较重</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Road segment</source>
        <translation>责任路段</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>%n working hour(s)</source>
        <translation>%n 个工作时</translation>
    </message>
    <message>
        <source>%n working day(s)</source>
        <translation>%n 个工作日</translation>
    </message>
    <message>
        <source>%n hour(s)</source>
        <translation>%n 小时</translation>
    </message>
    <message>
        <source>%n day(s)</source>
        <translation>%n 天</translation>
    </message>
</context>
<context>
    <name>lifecycle</name>
    <message>
        <source>A notice is issued only once</source>
        <translation>通知单只能下发一次</translation>
    </message>
    <message>
        <source>Unknown notice event {kind!r}</source>
        <translation>未知的通知单事件 {kind!r}</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not possible while the notice is &apos;{state}&apos;</source>
        <translation>通知单处于&quot;{state}&quot;状态，不能进行&quot;{kind}&quot;</translation>
    </message>
    <message>
        <source>Acknowledgement needs the signer&apos;s name</source>
        <translation>签收需填写签收人姓名</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; needs a reason</source>
        <translation>&quot;{kind}&quot;需要填写理由</translation>
    </message>
    <message>
        <source>An extension needs a new due time after the current one</source>
        <translation>延期须给出晚于当前期限的新期限</translation>
    </message>
    <message>
        <source>A notice starts with an &apos;issued&apos; event carrying its due time</source>
        <translation>通知单须以带有整改期限的&quot;下发&quot;事件开始</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Welcome to Ducha</source>
        <translation>欢迎使用督查</translation>
    </message>
    <message>
        <source>Your name (as it appears on notices):</source>
        <translation>您的姓名（将显示在通知单上）：</translation>
    </message>
</context>
<context>
    <name>submission</name>
    <message>
        <source>No inspector is named</source>
        <translation>未填写督查人员</translation>
    </message>
    <message>
        <source>{code} {text}: no result recorded</source>
        <translation>{code} {text}：尚未填写检查结果</translation>
    </message>
    <message>
        <source>{code} {text}: a problem needs at least one case</source>
        <translation>{code} {text}：问题至少应有 1 处</translation>
    </message>
    <message>
        <source>{code} {text}: describe the problem</source>
        <translation>{code} {text}：请描述问题</translation>
    </message>
    <message>
        <source>{code} {text}: the item asks for photo evidence</source>
        <translation>{code} {text}：该项目要求拍照取证</translation>
    </message>
</context>
<context>
    <name>template</name>
    <message>
        <source>{where}: an item must be an object</source>
        <translation>{where}：项目格式不正确</translation>
    </message>
    <message>
        <source>Item {item}: missing &apos;{field}&apos;</source>
        <translation>项目 {item}：缺少&quot;{field}&quot;</translation>
    </message>
    <message>
        <source>Item {item}: &apos;{field}&apos; is empty</source>
        <translation>项目 {item}：&quot;{field}&quot;为空</translation>
    </message>
    <message>
        <source>Item {item}: GB/T 47678.5 code {value!r} is not 5 digits</source>
        <translation>项目 {item}：GB/T 47678.5 编码 {value!r} 不是 5 位数字</translation>
    </message>
    <message>
        <source>Item {item}: deduction per case must be a number above 0</source>
        <translation>项目 {item}：每处扣分须为大于 0 的数</translation>
    </message>
    <message>
        <source>Item {item}: the cap must be a number above 0</source>
        <translation>项目 {item}：扣分上限须为大于 0 的数</translation>
    </message>
    <message>
        <source>Item {item}: deduction per case {per_case} exceeds the cap {cap}</source>
        <translation>项目 {item}：每处扣分 {per_case} 超过上限 {cap}</translation>
    </message>
    <message>
        <source>Item {item}: unknown severity {value!r}</source>
        <translation>项目 {item}：未知的严重程度 {value!r}</translation>
    </message>
    <message>
        <source>Item {item}: unknown time-limit unit {value!r} (work_hours, work_days, hours or days)</source>
        <translation>项目 {item}：未知的时限单位 {value!r}（应为 work_hours、work_days、hours 或 days）</translation>
    </message>
    <message>
        <source>Item {item}: the time limit must be above 0</source>
        <translation>项目 {item}：整改时限须大于 0</translation>
    </message>
    <message>
        <source>Item {item}: days must be whole</source>
        <translation>项目 {item}：天数须为整数</translation>
    </message>
    <message>
        <source>Item {item}: photo_required must be true or false</source>
        <translation>项目 {item}：photo_required 须为 true 或 false</translation>
    </message>
    <message>
        <source>A template must be a JSON object</source>
        <translation>考核细则须为 JSON 对象</translation>
    </message>
    <message>
        <source>The template has no name</source>
        <translation>考核细则没有名称</translation>
    </message>
    <message>
        <source>The template version must be a whole number ≥ 1</source>
        <translation>考核细则版本须为不小于 1 的整数</translation>
    </message>
    <message>
        <source>The full score must be a number above 0</source>
        <translation>满分须为大于 0 的数</translation>
    </message>
    <message>
        <source>The template has no categories</source>
        <translation>考核细则没有分类</translation>
    </message>
    <message>
        <source>Category {index}: it needs a name and a list of items</source>
        <translation>第 {index} 类：须有名称和项目列表</translation>
    </message>
    <message>
        <source>Category {index} has no name</source>
        <translation>第 {index} 类没有名称</translation>
    </message>
    <message>
        <source>Item {item}: duplicate code</source>
        <translation>项目 {item}：编号重复</translation>
    </message>
    <message>
        <source>The template has no items</source>
        <translation>考核细则没有项目</translation>
    </message>
</context>
</TS>
