<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Receipt of notice {number}</source>
        <translation>通知单 {number} 签收</translation>
    </message>
    <message>
        <source>Name of the person who signs for the unit</source>
        <translation>代表责任单位签收的人员姓名</translation>
    </message>
    <message>
        <source>Record receipt</source>
        <translation>登记签收</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <source>Remaining items OK</source>
        <translation>其余项目全部合格</translation>
    </message>
    <message>
        <source>Mark every item without a result OK</source>
        <translation>把尚未填写结果的项目全部记为合格</translation>
    </message>
    <message>
        <source>Next problem</source>
        <translation>下一问题</translation>
    </message>
    <message>
        <source>Go to the next item marked a problem</source>
        <translation>转到下一个标记为问题的项目</translation>
    </message>
    <message>
        <source>Issue notice…</source>
        <translation>下发整改通知…</translation>
    </message>
    <message>
        <source>A rectification notice for this inspection&apos;s problems</source>
        <translation>针对本次督查发现的问题下发整改通知</translation>
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
        <source>Submit and lock</source>
        <translation>提交并锁定</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Submit anyway</source>
        <translation>仍然提交</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>AdminTab</name>
    <message>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <source>Read the list from the server again</source>
        <translation>从服务器重新读取列表</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在请求服务器…</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Organisation management</source>
        <translation>组织管理</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>单位设置</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Bulletin PDF…</source>
        <translation>通报 PDF…</translation>
    </message>
    <message>
        <source>Bulletin Word…</source>
        <translation>通报 Word…</translation>
    </message>
    <message>
        <source>Workbook Excel…</source>
        <translation>工作簿 Excel…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期整改率</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>销号率</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>旗帜</translation>
    </message>
    <message>
        <source>List</source>
        <translation>红黑榜</translation>
    </message>
    <message>
        <source>Video exposures</source>
        <translation>视频曝光</translation>
    </message>
    <message>
        <source>Not inspected in these months</source>
        <translation>这些月份未检查</translation>
    </message>
    <message>
        <source>Assessment PDF…</source>
        <translation>考核通报 PDF…</translation>
    </message>
    <message>
        <source>Assessment Word…</source>
        <translation>考核通报 Word…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Computing the scores and the ranking…</source>
        <translation>正在计算得分和排名…</translation>
    </message>
    <message>
        <source>Computing the composite assessment…</source>
        <translation>正在计算综合考核…</translation>
    </message>
    <message>
        <source>{ranked} units ranked, {unchecked} not inspected; first: {first}. Each total is the sum of the components&apos; points (weight × score / full marks).</source>
        <translation>参与排名{ranked}个单位，未检查{unchecked}个；第一名：{first}。总分为各项目折合分之和（权重×得分÷满分）。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The scores could not be computed: {error}</source>
        <translation>得分未能计算：{error}</translation>
    </message>
    <message>
        <source>{inspections} inspections, {problems} problems; notices due {due}: rectified on time {on_time} ({on_time_rate}), late {late}, overdue {overdue}, closed {closed}; rework rate {rework}.</source>
        <translation>检查 {inspections} 次，发现问题 {problems} 个；到期整改通知 {due} 份：按期整改 {on_time} 份（按期整改率 {on_time_rate}），超期整改 {late} 份，逾期未整改 {overdue} 份，已销号 {closed} 份；返工率 {rework}。</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>{unit}: score over twelve months</source>
        <translation>{unit}：近十二个月得分</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>督查通报</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>督查工作簿</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Not written: {why}</source>
        <translation>未生成：{why}</translation>
    </message>
    <message>
        <source>Assessment workbook</source>
        <translation>综合考核工作簿</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度评比</translation>
    </message>
    <message>
        <source>Quarterly assessment</source>
        <translation>季度考核通报</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在生成 {name}…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>these components are not imported yet: {names}</source>
        <translation>以下考核项目尚未导入：{names}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>收起</translation>
    </message>
</context>
<context>
    <name>BeforeAfterView</name>
    <message>
        <source>&lt;b&gt;Before&lt;/b&gt;</source>
        <translation>&lt;b&gt;整改前&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;After&lt;/b&gt;</source>
        <translation>&lt;b&gt;整改后&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No after-photo yet</source>
        <translation>尚无整改后照片</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>Export to USB stick…</source>
        <translation>导出到U盘…</translation>
    </message>
    <message>
        <source>Without a network: write what waits to be sent to a USB stick for the office</source>
        <translation>没有网络时：把待发送的内容写到U盘，带到单位</translation>
    </message>
    <message>
        <source>Import answer…</source>
        <translation>导入回执…</translation>
    </message>
    <message>
        <source>Apply the office&apos;s answer to a USB-stick bundle</source>
        <translation>导入单位对U盘数据包的回执</translation>
    </message>
    <message>
        <source>Import field laptop&apos;s bundle…</source>
        <translation>导入外业数据包…</translation>
    </message>
    <message>
        <source>Send a field laptop&apos;s USB-stick bundle to the server; its answer is saved beside it</source>
        <translation>把外业电脑的U盘数据包发送到服务器，回执保存在数据包旁边</translation>
    </message>
    <message>
        <source>Export to USB stick</source>
        <translation>导出到U盘</translation>
    </message>
    <message>
        <source>Writing the bundle to {folder}…</source>
        <translation>正在把数据包写入 {folder}…</translation>
    </message>
    <message>
        <source>Import answer</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <source>Answers (*.answer);;All files (*)</source>
        <translation>回执 (*.answer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Applying {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Import field laptop&apos;s bundle</source>
        <translation>导入外业数据包</translation>
    </message>
    <message>
        <source>Log in to the server first: the bundle is sent to it.</source>
        <translation>请先登录服务器：数据包要发送到服务器。</translation>
    </message>
    <message>
        <source>Bundles (*.bundle);;All files (*)</source>
        <translation>数据包 (*.bundle);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sending {name} to the server…</source>
        <translation>正在把 {name} 发送到服务器…</translation>
    </message>
    <message>
        <source>The server took the bundle. Its answer is saved as {path}: take it back to the field laptop and import it there (Import answer…).</source>
        <translation>服务器已接收数据包。回执已保存为 {path}：请带回外业电脑，在那里导入（导入回执…）。</translation>
    </message>
</context>
<context>
    <name>CasesDialog</name>
    <message>
        <source>Cases from other sources</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>A hotline or citizen-photo export (.xlsx or CSV) with its photos</source>
        <translation>12345热线或随手拍导出的工单（.xlsx 或 CSV）及其照片</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Unit / notice</source>
        <translation>单位 / 通知</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>分拨</translation>
    </message>
    <message>
        <source>Why the due time differs from the rules</source>
        <translation>整改期限与规定时限不同的原因</translation>
    </message>
    <message>
        <source>Requirements (default: the description)</source>
        <translation>整改要求（默认：问题描述）</translation>
    </message>
    <message>
        <source>Assign as a notice</source>
        <translation>交办（下发整改通知）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Reason for another due time</source>
        <translation>调整期限原因</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Merge into this notice</source>
        <translation>合并到此通知</translation>
    </message>
    <message>
        <source>Open notice</source>
        <translation>未销号的通知</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>e.g. not a city-management problem</source>
        <translation>例如：不属于城市管理问题</translation>
    </message>
    <message>
        <source>Do not accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <source>Choose a case in the list.</source>
        <translation>请在列表中选择一个案件。</translation>
    </message>
    <message>
        <source>{ticket} · {source} · {time}
{address}
{description}
Photos: {photos}</source>
        <translation>{ticket} · {source} · {time}
{address}
{description}
照片：{photos} 张</translation>
    </message>
    <message>
        <source>By the rules for this source</source>
        <translation>按该来源的办理时限计算</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>导入案件</translation>
    </message>
    <message>
        <source>Exports (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>工单导出文件 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Choose a case and the unit to assign it to.</source>
        <translation>请选择案件和交办的单位。</translation>
    </message>
    <message>
        <source>Give a reason for changing the due time.</source>
        <translation>请填写调整整改期限的原因。</translation>
    </message>
    <message>
        <source>{ticket}: assigned as notice {number}</source>
        <translation>{ticket}：已交办，整改通知 {number}</translation>
    </message>
    <message>
        <source>Choose a case and the notice to merge it into.</source>
        <translation>请选择案件和要合并到的通知。</translation>
    </message>
    <message>
        <source>{ticket}: merged into notice {number}</source>
        <translation>{ticket}：已合并到整改通知 {number}</translation>
    </message>
    <message>
        <source>Give the reason the case is not accepted.</source>
        <translation>请填写不予受理的理由。</translation>
    </message>
    <message>
        <source>{ticket}: not accepted</source>
        <translation>{ticket}：不予受理</translation>
    </message>
</context>
<context>
    <name>CompositePanel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>旗帜</translation>
    </message>
    <message>
        <source>List</source>
        <translation>红黑榜</translation>
    </message>
    <message>
        <source>{name} ({weight})</source>
        <translation>{name}（{weight}）</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>{total} (incomplete)</source>
        <translation>{total}（不完整）</translation>
    </message>
    <message>
        <source>{unit}: not inspected in this period, not ranked</source>
        <translation>{unit}：本期未经督查，不参与排名</translation>
    </message>
    <message>
        <source>{unit}: total {total}, how each component was made</source>
        <translation>{unit}：总分{total}，各项目得分由来</translation>
    </message>
    <message>
        <source>{name}: not imported yet (weight {weight})</source>
        <translation>{name}：尚未导入（权重{weight}）</translation>
    </message>
    <message>
        <source>{name}: {score} of {full} → {points} of {weight} points</source>
        <translation>{name}：得分{score}（满分{full}）→ 折合{points}分（权重{weight}）</translation>
    </message>
    <message>
        <source>{step} ({points})</source>
        <translation>{step}（{points}）</translation>
    </message>
    <message>
        <source>{month}: {score}</source>
        <translation>{month}：{score}</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>not inspected</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Monthly scores: {scores}</source>
        <translation>各月督查得分：{scores}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>No notices due in this period</source>
        <translation>本期无到期整改通知</translation>
    </message>
    <message>
        <source>Notices due {due}: rectified on time {on_time} ({on_time_rate}), closed {closed} ({close_rate}), failed rechecks {failed}, overdue {overdue}, late {late}; disputes refused {refused}</source>
        <translation>到期整改通知{due}份：按期整改{on_time}份（{on_time_rate}），已销号{closed}份（{close_rate}），复查未通过{failed}次，逾期{overdue}份，超期整改{late}份；推诿（争议被驳回）{refused}次</translation>
    </message>
    <message>
        <source>Problems exposed on video: {n}</source>
        <translation>视频曝光问题：{n}个</translation>
    </message>
    <message>
        <source>Duty checks: on duty {on}, not on duty {off}, not verified {unknown}</source>
        <translation>马路办公核查：在岗{on}次，不在岗{off}次，未核实{unknown}次</translation>
    </message>
    <message>
        <source>No import for this period</source>
        <translation>本期无导入</translation>
    </message>
    <message>
        <source>Imported for {period} from {file} by {who} at {when}</source>
        <translation>{period}数据：{who}于{when}从{file}导入</translation>
    </message>
</context>
<context>
    <name>CompositeSettings</name>
    <message>
        <source>Inspection (督查)</source>
        <translation>督查</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345 热线</translation>
    </message>
    <message>
        <source>Citizen snapshot (随手拍)</source>
        <translation>随手拍</translation>
    </message>
    <message>
        <source>Media exposure</source>
        <translation>媒体曝光</translation>
    </message>
    <message>
        <source>Assigned by leaders</source>
        <translation>领导交办</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>On-time rate line</source>
        <translation>按期整改率达标线</translation>
    </message>
    <message>
        <source>Points off per point below it</source>
        <translation>每低 1 个百分点扣分</translation>
    </message>
    <message>
        <source>Close-out rate line</source>
        <translation>销号率达标线</translation>
    </message>
    <message>
        <source>Points off per failed recheck</source>
        <translation>每次返工扣分</translation>
    </message>
    <message>
        <source>Points off per notice overdue or late</source>
        <translation>每件逾期或超期整改扣分</translation>
    </message>
    <message>
        <source>Points off per refused dispute (推诿)</source>
        <translation>每次推诿扣分</translation>
    </message>
    <message>
        <source>Total = Σ weight × score ÷ full marks, out of 100: {parts}. A unit not inspected in the period is not ranked; a missing imported score leaves its total incomplete.</source>
        <translation>总分 = Σ 权重 × 得分 ÷ 满分，满分 100：{parts}。期内未被检查的单位不参与排名；缺少导入分项得分的单位总分不完整。</translation>
    </message>
    <message>
        <source>Problem handling: full marks, less {on_time} per point the on-time rate falls below {on_time_line}%, {close} per point the close-out rate falls below {close_line}%, {rework} per failed recheck, {overdue} per notice overdue or rectified late, {dispute} per refused dispute; notices from {doubled} count twice.</source>
        <translation>问题办理：满分起算，按期整改率低于 {on_time_line}% 的每个百分点扣 {on_time} 分，销号率低于 {close_line}% 的每个百分点扣 {close} 分，每次返工扣 {rework} 分，每件逾期或超期整改扣 {overdue} 分，每次推诿扣 {dispute} 分；来源为 {doubled} 的问题加倍计算。</translation>
    </message>
    <message>
        <source>Video exposure: full marks, less {exposure} per problem exposed on video. Road chiefs on duty: full marks, less {absence} per check that found the road chief not on duty.</source>
        <translation>视频曝光：满分起算，每个视频曝光问题扣 {exposure} 分。马路办公：满分起算，每次核查路长不在岗扣 {absence} 分。</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>考核分项</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>分项</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Full marks</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Counted twice, notices from:</source>
        <translation>加倍计算的问题来源：</translation>
    </message>
    <message>
        <source>Video exposure and road chiefs</source>
        <translation>视频曝光与马路办公</translation>
    </message>
    <message>
        <source>Points off per problem on video</source>
        <translation>每个视频曝光问题扣分</translation>
    </message>
    <message>
        <source>Points off per road chief not on duty</source>
        <translation>路长每次不在岗扣分</translation>
    </message>
    <message>
        <source>综合考核: the weights of the counted components add up to {total}; they must add up to 100.</source>
        <translation>综合考核：计入的分项权重合计为 {total}，必须为 100。</translation>
    </message>
    <message>
        <source>Weights add up to 100.</source>
        <translation>权重合计 100。</translation>
    </message>
    <message>
        <source>Weights add up to {total}: they must add up to 100.</source>
        <translation>权重合计 {total}：必须为 100。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Concurrent edits</source>
        <translation>同时修改</translation>
    </message>
    <message>
        <source>Someone else changed these rows at the same time. The newer version was kept; the other one is shown here so nothing is lost. Re-enter anything that should stand.</source>
        <translation>这些记录曾被他人同时修改。系统保留了较新的版本，另一版本显示在这里，不会丢失。需要保留的内容请重新录入。</translation>
    </message>
    <message>
        <source>deleted by the version kept</source>
        <translation>保留的版本已将其删除</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>未保留的版本</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留的版本</translation>
    </message>
    <message>
        <source>No concurrent edits.</source>
        <translation>没有同时修改。</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The month ends on {last}: {n} zones are not visited yet: {names}</source>
        <translation>本月{last}结束，仍有 {n} 个片区尚未督查：{names}</translation>
    </message>
    <message>
        <source>Only zones not visited</source>
        <translation>只看未督查的片区</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>督查次数</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近督查</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The coverage could not be computed: {error}</source>
        <translation>无法统计覆盖情况：{error}</translation>
    </message>
    <message>
        <source>{visited} of {total} zones visited from {first} to {last}; {unvisited} not visited. Days since the last visit are counted to {as_of}.</source>
        <translation>{first}至{last}，{total} 个片区中 {visited} 个已督查，{unvisited} 个未督查。距今天数计至{as_of}。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未督查</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>Devices of {user}</source>
        <translation>{user} 的设备</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Live logins</source>
        <translation>有效登录</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Revoke this device&apos;s logins</source>
        <translation>吊销此设备的登录</translation>
    </message>
    <message>
        <source>This user has not signed in from any device yet.</source>
        <translation>该用户尚未在任何设备上登录。</translation>
    </message>
    <message>
        <source>Revoked: {n} login(s) of this device no longer work.</source>
        <translation>已吊销：此设备的 {n} 个登录不再有效。</translation>
    </message>
</context>
<context>
    <name>DutyControl</name>
    <message>
        <source>Road chief {chief}: {state}</source>
        <translation>路长 {chief}：{state}</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>（未明确）</translation>
    </message>
    <message>
        <source>马路办公: was the road chief on duty on this segment? {key} cycles 在岗 → 不在岗 → 未核实. Not required to submit.</source>
        <translation>马路办公：路长是否在本责任路段在岗？按 {key} 依次切换 在岗 → 不在岗 → 未核实。提交时不作要求。</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Use a photo as evidence of the duty check: the site or item photo selected, else the photos picked in the tray</source>
        <translation>将照片作为路长在岗核查的证据：选中的现场照片或检查项照片，否则为本次照片中选中的照片</translation>
    </message>
    <message>
        <source>Road chief {chief}: {state}. Saved.</source>
        <translation>路长 {chief}：{state}。已保存。</translation>
    </message>
    <message>
        <source>Select a site photo, or pick a photo in the tray, then press {key} to make it the road chief&apos;s photo.</source>
        <translation>请先选中一张现场照片，或在本次照片中选中一张，再按 {key} 将其作为路长照片。</translation>
    </message>
    <message>
        <source>That photo is not one of this inspection&apos;s.</source>
        <translation>该照片不属于本次督查。</translation>
    </message>
    <message>
        <source>The photo is now the road chief&apos;s duty check evidence.</source>
        <translation>该照片已作为路长在岗核查的证据。</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Drag to move the photo</source>
        <translation>拖动以移动照片</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Drag from the tail to the point of the arrow</source>
        <translation>从箭尾拖到箭头所指处</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆圈</translation>
    </message>
    <message>
        <source>Drag across what to circle</source>
        <translation>拖过要圈出的部分</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Type the words, then click where they go</source>
        <translation>先输入文字，再点击要放置的位置</translation>
    </message>
    <message>
        <source>Words of a text mark</source>
        <translation>标注文字</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Take back the last mark (Ctrl+Z)</source>
        <translation>撤销上一处标注（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Delete all</source>
        <translation>全部删除</translation>
    </message>
    <message>
        <source>Delete all your marks on this photo</source>
        <translation>删除您在这张照片上的全部标注</translation>
    </message>
    <message>
        <source>Show markup</source>
        <translation>显示标注</translation>
    </message>
    <message>
        <source>Show or hide the markup (M)</source>
        <translation>显示或隐藏标注（M）</translation>
    </message>
    <message>
        <source>Markup is drawn by office staff (reviewers).</source>
        <translation>标注由督查办审核人员绘制。</translation>
    </message>
    <message>
        <source>Inspection (recorded)</source>
        <translation>检查记录时间</translation>
    </message>
    <message>
        <source>Imported (inspector&apos;s laptop)</source>
        <translation>导入时间（督查人员电脑）</translation>
    </message>
    <message>
        <source>Received by the server</source>
        <translation>服务器接收时间</translation>
    </message>
    <message>
        <source>Markup</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. This is the thumbnail; the original is downloaded when you open the photo again with the server in reach.</source>
        <translation>离线：无法连接服务器。当前显示的是缩略图；服务器可连接时再次打开这张照片即下载原图。</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached, and this photo&apos;s original is not on this computer yet.</source>
        <translation>离线：无法连接服务器，本机还没有这张照片的原图。</translation>
    </message>
    <message>
        <source>Not logged in to the server: log in to download the original.</source>
        <translation>未登录服务器：登录后才能下载原图。</translation>
    </message>
    <message>
        <source>The server does not hold this photo&apos;s original.</source>
        <translation>服务器上没有这张照片的原图。</translation>
    </message>
    <message>
        <source>The file the server sent is not this photo&apos;s original (its SHA-256 differs): it was refused and not kept.</source>
        <translation>服务器发来的文件不是这张照片的原图（SHA-256 不符），已拒收，未保存。</translation>
    </message>
    <message>
        <source>The original could not be downloaded: {error}</source>
        <translation>原图无法下载：{error}</translation>
    </message>
    <message>
        <source>Downloading the original…</source>
        <translation>正在下载原图…</translation>
    </message>
    <message>
        <source>{name} · {time} · {count} marks</source>
        <translation>{name} · {time} · {count} 处标注</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>an inspector marks up only the photos of a draft they are on, until it is submitted</source>
        <translation>督查人员只能在自己参与的草稿提交前标注其照片</translation>
    </message>
    <message>
        <source>the photo is no longer in this store</source>
        <translation>这张照片已不在本机数据中</translation>
    </message>
    <message>
        <source>The markup was not saved: {error}</source>
        <translation>标注未保存：{error}</translation>
    </message>
</context>
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
        <source>Any mode</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <source>All inspectors</source>
        <translation>全部督查人员</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>{step} — notice {number}</source>
        <translation>{step} — 通知 {number}</translation>
    </message>
    <message>
        <source>The notice as a whole</source>
        <translation>整张通知</translation>
    </message>
    <message>
        <source>Add after-photos…</source>
        <translation>添加整改后照片…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>The unit asked ({signer}, {at}) for {due}: {reason}</source>
        <translation>单位申请（{signer}，{at}）延期至 {due}：{reason}</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>新的限期</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>They show</source>
        <translation>对应问题</translation>
    </message>
    <message>
        <source>What was fixed</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation>不通过原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>After-photos</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.heif)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.heic *.heif)</translation>
    </message>
    <message>
        <source>Please fill in: {what}</source>
        <translation>请填写：{what}</translation>
    </message>
    <message>
        <source>Step recorded. Importing photos…</source>
        <translation>已登记，正在导入照片…</translation>
    </message>
    <message>
        <source>Step recorded; some photos were not added:</source>
        <translation>已登记，但以下照片未能添加：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Step recorded; the photos were not added: {error}</source>
        <translation>已登记，但照片未能添加：{error}</translation>
    </message>
</context>
<context>
    <name>ImportScoresDialog</name>
    <message>
        <source>Import assessment scores</source>
        <translation>导入考核分项</translation>
    </message>
    <message>
        <source>An .xlsx or .csv file with a column 单位</source>
        <translation>含“单位”列的 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>a quarter 2026-Q3 or a year 2026</source>
        <translation>季度如 2026-Q3，年度如 2026</translation>
    </message>
    <message>
        <source>As the file&apos;s columns say</source>
        <translation>按文件中的列</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Component (for a 得分 column)</source>
        <translation>分项（文件只有“得分”列时）</translation>
    </message>
    <message>
        <source>Nothing is imported from a file with any problem: each is listed here by sheet, row and column. A later import of the same period replaces the earlier one, which stays in its history.</source>
        <translation>文件有任何问题都不会导入：每个问题按工作表、行、列列在这里。同一期间再次导入会替换之前的导入，之前的导入保留在记录中。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Only the office (reviewers, administrators) imports assessment scores.</source>
        <translation>只有督查办（审核员、管理员）可以导入考核得分。</translation>
    </message>
    <message>
        <source>The file of scores</source>
        <translation>得分文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>表格文件 (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Choose the file of scores first.</source>
        <translation>请先选择得分文件。</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {file}: {count} problems.</source>
        <translation>未从 {file} 导入任何内容：共 {count} 个问题。</translation>
    </message>
    <message>
        <source>Imported; it goes to the server with the next sync.</source>
        <translation>已导入，下次同步时上传到服务器。</translation>
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
        <source>with a photo</source>
        <translation>附照片</translation>
    </message>
    <message>
        <source>Road chief on duty (马路办公)</source>
        <translation>路长在岗（马路办公）</translation>
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
    <message>
        <source>Versions and reviews</source>
        <translation>版本与审核</translation>
    </message>
    <message>
        <source>Version {n}</source>
        <translation>第{n}版</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始版本</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>得分 {score}</translation>
    </message>
</context>
<context>
    <name>InspectionEditor</name>
    <message>
        <source>Summary of the inspection (optional)</source>
        <translation>督查小结（选填）</translation>
    </message>
    <message>
        <source>category deducted {used}/{cap}</source>
        <translation>本类已扣 {used}/{cap}</translation>
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
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Add site photos…</source>
        <translation>添加现场照片…</translation>
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
        <source>Returned by {who} on {when}: {comment} — use Correct.</source>
        <translation>已被 {who} 于 {when} 退回：{comment}——请使用“更正”。</translation>
    </message>
    <message>
        <source>Draft correcting an earlier submitted inspection.</source>
        <translation>草稿：更正此前已提交的督查。</translation>
    </message>
    <message>
        <source>The office asked: {comment}</source>
        <translation>审核意见：{comment}</translation>
    </message>
    <message>
        <source>This inspection is submitted and cannot be changed. Use Correct to amend it.</source>
        <translation>该督查已提交，不能修改。请使用&quot;更正&quot;。</translation>
    </message>
    <message>
        <source>Not saved yet: the store is busy. Your text is kept and saved again.</source>
        <translation>尚未保存：数据库正忙。您输入的内容已保留，稍后将自动再次保存。</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos, video and audio ({patterns})</source>
        <translation>照片、视频和录音 ({patterns})</translation>
    </message>
    <message>
        <source>Import a folder of photos</source>
        <translation>导入照片文件夹</translation>
    </message>
    <message>
        <source>Photos are still being imported; wait or cancel first.</source>
        <translation>照片仍在导入中，请等待或先取消。</translation>
    </message>
    <message>
        <source>Site photos ({n})</source>
        <translation>现场照片（{n}）</translation>
    </message>
    <message>
        <source>Choose an item in the checklist first.</source>
        <translation>请先在检查表中选中一项。</translation>
    </message>
    <message>
        <source>No item is marked a problem.</source>
        <translation>没有标记为问题的项目。</translation>
    </message>
    <message>
        <source>{n} dropped file(s) are not photos and were not put in the tray. A video or audio recording is attached by dropping it on an item, or with Add photos…</source>
        <translation>{n} 个拖入的文件不是照片，未放入本次照片栏。视频或录音请拖到检查项上，或用“添加照片…”附加。</translation>
    </message>
    <message>
        <source>Cannot submit yet:</source>
        <translation>暂不能提交：</translation>
    </message>
    <message>
        <source>Cannot submit yet, {n} to finish: {first}</source>
        <translation>暂不能提交，还有 {n} 处待完成：{first}</translation>
    </message>
    <message>
        <source>Please check before submitting:</source>
        <translation>提交前请确认：</translation>
    </message>
    <message>
        <source>Press Submit again to submit anyway.</source>
        <translation>再次点击&quot;仍然提交&quot;即可提交。</translation>
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
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source> (correction)</source>
        <translation>（更正）</translation>
    </message>
</context>
<context>
    <name>IssueNoticeDialog</name>
    <message>
        <source>Issue a rectification notice</source>
        <translation>下发整改通知</translation>
    </message>
    <message>
        <source>{code} {text} · {cases} case(s) · {photos} photo(s)</source>
        <translation>{code} {text} · {cases} 处 · 照片 {photos} 张</translation>
    </message>
    <message>
        <source>Why the due time differs from the rules</source>
        <translation>整改期限与规定时限不同的原因</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>下发</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>督查记录</translation>
    </message>
    <message>
        <source>To (主送)</source>
        <translation>主送</translation>
    </message>
    <message>
        <source>Copy to (抄送)</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Reason for another due time</source>
        <translation>调整期限原因</translation>
    </message>
    <message>
        <source>Tick at least one problem.</source>
        <translation>请至少勾选一个问题。</translation>
    </message>
    <message>
        <source>By the items&apos; time limits on the working-day calendar (the tightest wins).</source>
        <translation>按各检查项目的整改时限、依工作日历计算（取最早者）。</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: check the date.</source>
        <translation>⚠ 节假日数据未覆盖 {years} 年，请核对日期。</translation>
    </message>
    <message>
        <source>Write what the unit must do.</source>
        <translation>请填写整改要求。</translation>
    </message>
    <message>
        <source>Give a reason for changing the due time.</source>
        <translation>请填写调整整改期限的原因。</translation>
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
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Or drop photos here or onto the item (Ctrl+O)</source>
        <translation>也可将照片拖放到此处或检查项目上（Ctrl+O）</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>A camera card or a phone&apos;s export</source>
        <translation>相机存储卡或手机导出的文件夹</translation>
    </message>
    <message>
        <source>Photo evidence</source>
        <translation>照片证据</translation>
    </message>
    <message>
        <source> · photo evidence required</source>
        <translation> · 须拍照取证</translation>
    </message>
    <message>
        <source>GB/T 47678.5 {gb} · weight {weight} · {per} per case, at most {cap} · time limit {due}{photo}</source>
        <translation>GB/T 47678.5 {gb} · 分值 {weight} · 每处扣 {per} 分，最多扣 {cap} 分 · 整改时限 {due}{photo}</translation>
    </message>
    <message>
        <source>{category} (category cap {cap}) · {text}</source>
        <translation>{category}（分类封顶 {cap}）· {text}</translation>
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
    <name>JobProgress</name>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the server</source>
        <translation>登录服务器</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate</source>
        <translation>仅用于使用自签名证书的服务器</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书（*.pem *.crt *.cer）</translation>
    </message>
    <message>
        <source>Enter the server, your user name and password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <source>No certificate file at {path}</source>
        <translation>找不到证书文件 {path}</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Login failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
    <message>
        <source>No system keyring here: the login token is kept in {path}, readable only by you. The password is not kept.</source>
        <translation>本机没有系统密钥环：登录令牌保存在 {path}，仅您本人可读。密码不会保存。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>This is a one-time password: choose your own password (twice) to go on.</source>
        <translation>这是一次性密码：请设置自己的密码（输入两次）后继续。</translation>
    </message>
    <message>
        <source>The new password needs at least 8 characters.</source>
        <translation>新密码至少需要 8 个字符。</translation>
    </message>
    <message>
        <source>The two new passwords differ: type them again.</source>
        <translation>两次输入的新密码不一致：请重新输入。</translation>
    </message>
    <message>
        <source>Choose a password other than the one-time password.</source>
        <translation>新密码不能与一次性密码相同。</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>正在修改密码…</translation>
    </message>
    <message>
        <source>The password was not changed: {error}</source>
        <translation>密码未修改：{error}</translation>
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
        <source>Inspections</source>
        <translation>督查记录</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>整改通知</translation>
    </message>
    <message>
        <source>Overdue…</source>
        <translation>逾期提醒…</translation>
    </message>
    <message>
        <source>Notices overdue or due within a working day</source>
        <translation>逾期或一个工作日内到期的整改通知</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Scores and bulletin</source>
        <translation>统计通报</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
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
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Send and receive now (F5)</source>
        <translation>立即收发（F5）</translation>
    </message>
    <message>
        <source>Conflicts…</source>
        <translation>冲突…</translation>
    </message>
    <message>
        <source>Concurrent edits in your units: see both versions and choose one</source>
        <translation>本单位范围内的同时修改：查看两个版本并选定一个</translation>
    </message>
    <message>
        <source>Visit plans…</source>
        <translation>督查计划…</translation>
    </message>
    <message>
        <source>The visit plans&apos; commitments, and revealed plans checked</source>
        <translation>督查计划的种子承诺值，并核验已公布种子的计划</translation>
    </message>
    <message>
        <source>Cases…</source>
        <translation>问题来源…</translation>
    </message>
    <message>
        <source>Cases from the 12345 hotline, citizen photos, the media …: import, triage</source>
        <translation>12345热线、随手拍、媒体曝光等来源的问题：导入、分拨</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>End this laptop&apos;s login: the server stops accepting it until you log in</source>
        <translation>结束本机的登录：在您重新登录之前，服务器不再接受本机</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Office settings…</source>
        <translation>单位设置…</translation>
    </message>
    <message>
        <source>Organisation management…</source>
        <translation>组织管理…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Road chiefs board…</source>
        <translation>路长公示…</translation>
    </message>
    <message>
        <source>The public board of the road segments&apos; chiefs (路长公示): PDF or Excel</source>
        <translation>责任路段路长公示牌（路长公示）：PDF 或 Excel</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>考核(&amp;A)</translation>
    </message>
    <message>
        <source>Import assessment scores…</source>
        <translation>导入考核分项…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>The log files, for whoever looks after Ducha when something went wrong</source>
        <translation>日志文件：出现问题时，供维护督查的人员查看</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>About and updates…</source>
        <translation>关于/更新…</translation>
    </message>
    <message>
        <source>Log in to a server first.</source>
        <translation>请先登录服务器。</translation>
    </message>
    <message>
        <source>This store has no zones yet. Without a server, set it up from the organisation workbook (sheets 单位, 区域, 用户):</source>
        <translation>本机数据中还没有区域。没有服务器时，请用组织架构表（工作表 单位、区域、用户）建立：</translation>
    </message>
    <message>
        <source>With a server, log in (Log in… on the toolbar) and sync. To try Ducha: ducha demo.</source>
        <translation>有服务器时，请登录（工具栏“登录…”）并同步。想先试用：ducha demo。</translation>
    </message>
    <message>
        <source>No zones</source>
        <translation>没有责任区域</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>Play or pause (K)</source>
        <translation>播放或暂停（K）</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Grab still</source>
        <translation>截取画面</translation>
    </message>
    <message>
        <source>Keep the frame shown as a photo of the same item (G); the video is untouched</source>
        <translation>把当前画面保存为同一检查项的照片（G）；原视频不变</translation>
    </message>
    <message>
        <source>Video and audio cannot be played on this computer (a system library is missing). The recording is kept unchanged; its details are beside.</source>
        <translation>本机无法播放视频和录音（缺少系统组件）。原始文件保持不变，详情见右侧。</translation>
    </message>
    <message>
        <source>The original of this recording is not on this computer, so it cannot be played here.</source>
        <translation>这段录像/录音的原件不在这台电脑上，无法在此播放。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This recording cannot be played here: {detail}</source>
        <translation>此录像/录音无法在本机播放：{detail}</translation>
    </message>
    <message>
        <source>The inspection is submitted: its evidence no longer changes, so no still is added. Grab stills while it is a draft.</source>
        <translation>该检查已提交，证据不能再更改，因此未添加截图。请在草稿状态下截取画面。</translation>
    </message>
    <message>
        <source>The still could not be kept (the details are in the log).</source>
        <translation>截图未能保存（详情见日志）。</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <source>New inspection</source>
        <translation>新建督查</translation>
    </message>
    <message>
        <source>None: choose below</source>
        <translation>无：在下方选择</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>{day}: {zone} ({unit})</source>
        <translation>{day}：{zone}（{unit}）</translation>
    </message>
    <message>
        <source>unknown zone</source>
        <translation>未知片区</translation>
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
        <source>Planned visit</source>
        <translation>计划督查</translation>
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
    <name>NewPlanForm</name>
    <message>
        <source>a month 2027-01 or an ISO week 2027-W02</source>
        <translation>月份如 2027-01，或 ISO 周如 2027-W02</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部片区</translation>
    </message>
    <message>
        <source>Zones of a kind: {kind}</source>
        <translation>某类片区：{kind}</translation>
    </message>
    <message>
        <source>per team per day</source>
        <translation>每组每天</translation>
    </message>
    <message>
        <source>per team per week</source>
        <translation>每组每周</translation>
    </message>
    <message>
        <source>Working days only</source>
        <translation>仅工作日</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team (0: none)</source>
        <translation>组号（0：不参加）</translation>
    </message>
    <message>
        <source>Draw the plan</source>
        <translation>抽取计划</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Give each team a number; accounts with the same number visit together. A team never visits zones of its members&apos; units. The server makes the secret seed.</source>
        <translation>为每个检查组编号；组号相同的账号一同检查。检查组不会被派往其成员所属单位的片区。秘密种子由服务器生成。</translation>
    </message>
    <message>
        <source>Log in to a server to draw a plan.</source>
        <translation>请先登录服务器，再抽取计划。</translation>
    </message>
    <message>
        <source>Reading the accounts from the server…</source>
        <translation>正在从服务器读取账号…</translation>
    </message>
    <message>
        <source>Zones of {unit}</source>
        <translation>{unit}的片区</translation>
    </message>
    <message>
        <source>The period is a month such as 2027-01 or an ISO week such as 2027-W02.</source>
        <translation>期间为月份（如 2027-01）或 ISO 周（如 2027-W02）。</translation>
    </message>
    <message>
        <source>Put at least one account in a team (a number above 0).</source>
        <translation>请至少把一个账号编入检查组（组号大于 0）。</translation>
    </message>
    <message>
        <source>Drawing the plan on the server…</source>
        <translation>正在服务器上抽取计划…</translation>
    </message>
    <message>
        <source>Drawn: {period}, {visits} visit(s). Publish this commitment before the period: {commitment}</source>
        <translation>已抽取：{period}，共 {visits} 次检查。请在期间开始前公布此承诺值：{commitment}</translation>
    </message>
</context>
<context>
    <name>NoticeListModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>下发时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>{state} · overdue</source>
        <translation>{state} · 已逾期</translation>
    </message>
</context>
<context>
    <name>NoticesView</name>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Record receipt (签收)…</source>
        <translation>登记签收…</translation>
    </message>
    <message>
        <source>Rectification report…</source>
        <translation>整改回执…</translation>
    </message>
    <message>
        <source>Recheck passed…</source>
        <translation>复查通过…</translation>
    </message>
    <message>
        <source>Recheck failed…</source>
        <translation>复查不通过…</translation>
    </message>
    <message>
        <source>Close out (销号)…</source>
        <translation>销号…</translation>
    </message>
    <message>
        <source>Grant extension…</source>
        <translation>同意延期…</translation>
    </message>
    <message>
        <source>Refuse extension…</source>
        <translation>不同意延期…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Record extension request…</source>
        <translation>记录延期申请…</translation>
    </message>
    <message>
        <source>Record dispute…</source>
        <translation>记录异议…</translation>
    </message>
    <message>
        <source>Transfer (改派)…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <source>Refuse dispute…</source>
        <translation>驳回异议…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <source>Evidence package…</source>
        <translation>证据包…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>The notices could not be read: {error}</source>
        <translation>未能读取整改通知：{error}</translation>
    </message>
    <message>
        <source>{n} notice(s), {late} overdue</source>
        <translation>共 {n} 份通知，逾期 {late} 份</translation>
    </message>
    <message>
        <source>No notice selected.</source>
        <translation>未选择通知单。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>下发时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>来源案件</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Only office staff (reviewers, admins) record this.</source>
        <translation>仅督查办工作人员（审核员、管理员）可以记录。</translation>
    </message>
    <message>
        <source>Not while the notice is &apos;{state}&apos;.</source>
        <translation>通知处于“{state}”状态时不能办理。</translation>
    </message>
    <message>
        <source>The unit&apos;s earlier request is not decided yet.</source>
        <translation>该单位此前的延期申请尚未处理。</translation>
    </message>
    <message>
        <source>The unit&apos;s earlier dispute is not decided yet.</source>
        <translation>该单位此前提出的异议尚未处理。</translation>
    </message>
    <message>
        <source>There is no pending dispute to refuse.</source>
        <translation>没有待处理的异议可驳回。</translation>
    </message>
    <message>
        <source>evidence-{number}</source>
        <translation>证据包-{number}</translation>
    </message>
    <message>
        <source>Export notice</source>
        <translation>导出通知单</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在生成 {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Not printed: {error}</source>
        <translation>未打印：{error}</translation>
    </message>
    <message>
        <source>Sent {n} page(s) to the printer.</source>
        <translation>已发送 {n} 页到打印机。</translation>
    </message>
</context>
<context>
    <name>OfficeConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Take the version that lost</source>
        <translation>采用未保留的版本</translation>
    </message>
    <message>
        <source>Keep the version that won</source>
        <translation>保留现有版本</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Reading the conflicts from the server…</source>
        <translation>正在从服务器读取冲突…</translation>
    </message>
    <message>
        <source>{n} conflict(s). Select one to see both versions.</source>
        <translation>共 {n} 处冲突。选中一处可查看两个版本。</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
    <message>
        <source>Sending the decision…</source>
        <translation>正在提交处理结果…</translation>
    </message>
    <message>
        <source>The server could not be asked: {error}</source>
        <translation>无法询问服务器：{error}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>未保留</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Resolved {time}: the version that lost was taken.</source>
        <translation>已于 {time} 处理：采用了未保留的版本。</translation>
    </message>
    <message>
        <source>Resolved {time}: the version that won was kept.</source>
        <translation>已于 {time} 处理：保留了现有版本。</translation>
    </message>
</context>
<context>
    <name>OneTimePasswordDialog</name>
    <message>
        <source>One-time password</source>
        <translation>一次性密码</translation>
    </message>
    <message>
        <source>The one-time password of {user} is shown only now: copy it and give it to the user in person. At the first login they must choose a new password.</source>
        <translation>{user} 的一次性密码只显示这一次：请复制并当面交给本人。首次登录时须设置新密码。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>OrgDialog</name>
    <message>
        <source>Overdue: the due time has passed and no recheck has passed yet (a notice whose recheck passed and that only waits for 销号 is not overdue). Each notice overdue or rectified late costs {penalty} points.</source>
        <translation>逾期：已过整改期限且尚未复查通过（复查已通过、只待销号的整改通知不算逾期）。逾期未整改或超期整改的整改通知每件扣 {penalty} 分。</translation>
    </message>
    <message>
        <source>Red flag (流动红旗): the best-ranked unit with no overdue notice, an on-time rectification rate of at least {on_time}% and a rework rate of at most {rework}%; none that month when no unit qualifies.</source>
        <translation>流动红旗：无逾期整改通知、按期整改率不低于 {on_time}%、返工率不高于 {rework}% 的单位中排名最前者；无单位符合条件时当月不授予。</translation>
    </message>
    <message>
        <source>Yellow flag (黄旗): the last-ranked unit, only if it scores below {line} points.</source>
        <translation>黄旗：排名最后的单位，且仅当其得分低于 {line} 分。</translation>
    </message>
    <message>
        <source>Honour list (红榜): the top three ranks (the top half when fewer than six are ranked).</source>
        <translation>红榜：排名前三的单位（参与排名的单位少于六个时为前一半）。</translation>
    </message>
    <message>
        <source>Black list (黑榜): of the bottom three ranks (the bottom half when fewer than six are ranked), the units scoring below {line} points.</source>
        <translation>黑榜：排名后三位（参与排名的单位少于六个时为后一半）中得分低于 {line} 分的单位。</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>单位设置</translation>
    </message>
    <message>
        <source>e.g. 青山县城市管理督查办公室</source>
        <translation>例如：青山县城市管理督查办公室</translation>
    </message>
    <message>
        <source>Official notice numbers read e.g. 督改〔2026〕第0123号</source>
        <translation>正式通知单编号形如：督改〔2026〕第0123号</translation>
    </message>
    <message>
        <source>e.g. 2026-12-31, 2027-01-02</source>
        <translation>例如：2026-12-31, 2027-01-02</translation>
    </message>
    <message>
        <source>e.g. 2027-01-04</source>
        <translation>例如：2027-01-04</translation>
    </message>
    <message>
        <source>Office (on notices)</source>
        <translation>督查单位（印在通知单上）</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Office address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <source>Notice number prefix</source>
        <translation>通知单编号前缀</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Office time zone</source>
        <translation>单位所在时区</translation>
    </message>
    <message>
        <source>Extra holidays</source>
        <translation>另加休息日</translation>
    </message>
    <message>
        <source>Extra working days</source>
        <translation>另加工作日</translation>
    </message>
    <message>
        <source>&lt;b&gt;Monthly assessment&lt;/b&gt;</source>
        <translation>&lt;b&gt;月度考核&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Full score of an inspection</source>
        <translation>单次督查满分</translation>
    </message>
    <message>
        <source>Points off per notice overdue or rectified late</source>
        <translation>逾期未整改或超期整改的通知每件扣分</translation>
    </message>
    <message>
        <source>Points off per failed recheck</source>
        <translation>每次复查不通过扣分</translation>
    </message>
    <message>
        <source>Excellent (优秀) from</source>
        <translation>优秀分数线</translation>
    </message>
    <message>
        <source>Good (良好) from</source>
        <translation>良好分数线</translation>
    </message>
    <message>
        <source>Pass (合格) from</source>
        <translation>合格分数线</translation>
    </message>
    <message>
        <source>Yellow flag and black list only below</source>
        <translation>黄旗、黑榜仅限得分低于</translation>
    </message>
    <message>
        <source>Red flag: on-time rectification rate at least</source>
        <translation>流动红旗：按期整改率不低于</translation>
    </message>
    <message>
        <source>Red flag: rework rate at most</source>
        <translation>流动红旗：返工率不高于</translation>
    </message>
    <message>
        <source>Bulletin title</source>
        <translation>通报标题</translation>
    </message>
    <message>
        <source>Largest video or audio recording</source>
        <translation>单个视频/录音文件上限</translation>
    </message>
    <message>
        <source>Office and month</source>
        <translation>单位与月度考核</translation>
    </message>
    <message>
        <source>Composite assessment</source>
        <translation>综合考核</translation>
    </message>
    <message>
        <source>Only an administrator changes the office&apos;s settings.</source>
        <translation>只有管理员可以修改单位设置。</translation>
    </message>
    <message>
        <source>Not set up yet: this laptop&apos;s earlier settings are filled in; save them to make them the office&apos;s.</source>
        <translation>尚未设置：已填入本机以前的设置，保存后即成为全单位统一的设置。</translation>
    </message>
    <message>
        <source>Not set up yet: the defaults apply until an administrator saves.</source>
        <translation>尚未设置：管理员保存之前使用默认值。</translation>
    </message>
    <message>
        <source>Set up on the server on {time}</source>
        <translation>由服务器于 {time} 初始设置</translation>
    </message>
    <message>
        <source>Changed by {name} on {time}</source>
        <translation>由 {name} 于 {time} 修改</translation>
    </message>
    <message>
        <source>The office&apos;s name is required (at most 200 characters).</source>
        <translation>请填写督查单位名称（最多200字）。</translation>
    </message>
    <message>
        <source>The phone is at most 40 characters, the address at most 200.</source>
        <translation>电话最多40个字符，地址最多200字。</translation>
    </message>
    <message>
        <source>The notice number prefix is 1 to 20 characters without digits, spaces or brackets, and does not start with 临.</source>
        <translation>通知单编号前缀为1至20个字符，不含数字、空格或括号，且不能以“临”开头。</translation>
    </message>
    <message>
        <source>Office hours are ranges like 08:30-12:00, 13:30-17:30, in order.</source>
        <translation>办公时间应为按先后排列的时段，例如 08:30-12:00, 13:30-17:30。</translation>
    </message>
    <message>
        <source>Unknown time zone {name}</source>
        <translation>未知的时区 {name}</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, separated by commas (at most 400).</source>
        <translation>日期请写成 YYYY-MM-DD，用逗号分隔（最多400个）。</translation>
    </message>
    <message>
        <source>{date} is both an extra holiday and an extra working day.</source>
        <translation>{date} 不能既是另加休息日又是另加工作日。</translation>
    </message>
    <message>
        <source>The full score must be above 0.</source>
        <translation>满分必须大于 0。</translation>
    </message>
    <message>
        <source>Penalties cannot be negative.</source>
        <translation>扣分不能为负数。</translation>
    </message>
    <message>
        <source>Grades must descend: full score ≥ excellent &gt; good &gt; pass ≥ 0.</source>
        <translation>分数线须依次降低：满分 ≥ 优秀 &gt; 良好 &gt; 合格 ≥ 0。</translation>
    </message>
    <message>
        <source>The yellow flag and black list line must not exceed the full score.</source>
        <translation>黄旗、黑榜的分数线不能高于满分。</translation>
    </message>
    <message>
        <source>The bulletin title may use only {period}, {year}, {month} and {issue}.</source>
        <translation>通报标题只能使用 {period}、{year}、{month} 和 {issue}。</translation>
    </message>
    <message>
        <source>These settings cannot be saved; the log says why.</source>
        <translation>无法保存这些设置，原因见日志。</translation>
    </message>
</context>
<context>
    <name>OrgSettingsTab</name>
    <message>
        <source>The office&apos;s settings (name, notice prefix, time zone, office hours, holidays, assessment rules) are one record shared by every laptop: saved here, it goes to the server with the next sync.</source>
        <translation>单位设置（名称、通知书编号前缀、时区、办公时间、节假日、考核规则）是所有电脑共用的一条记录：在此保存后，随下次同步发送到服务器。</translation>
    </message>
    <message>
        <source>Open office settings…</source>
        <translation>打开单位设置…</translation>
    </message>
</context>
<context>
    <name>OriginalsSegment</name>
    <message>
        <source>the last {days} days, at most {gb} GB, newest first</source>
        <translation>最近 {days} 天，最多 {gb} GB，从新到旧</translation>
    </message>
    <message>
        <source>Originals {held}/{wanted}</source>
        <translation>原件 {held}/{wanted}</translation>
    </message>
    <message>
        <source>Keeping the original photos of this office&apos;s inspections and notices on this computer for offline work: {held} of {wanted} are here ({budget}).</source>
        <translation>本机保存本单位督查和整改通知的照片原件，供离线使用：已有 {held} 张，共 {wanted} 张（{budget}）。</translation>
    </message>
    <message>
        <source>{n} older original(s) are beyond the budget set in the settings and are fetched only when opened or exported.</source>
        <translation>另有 {n} 张较早的原件超出设置中的保存范围，仅在查看或导出时下载。</translation>
    </message>
    <message>
        <source>The server cannot be reached: the rest come after a sync.</source>
        <translation>无法连接服务器：其余原件将在下次同步后下载。</translation>
    </message>
    <message>
        <source>Not logged in to the server: log in to fetch the rest.</source>
        <translation>未登录服务器：请登录后下载其余原件。</translation>
    </message>
    <message>
        <source>{n} original(s) could not be fetched: {names}</source>
        <translation>{n} 张原件未能下载：{names}</translation>
    </message>
    <message>
        <source>Originals: not fetched</source>
        <translation>原件：未能下载</translation>
    </message>
    <message>
        <source>The originals were not fetched: {why}</source>
        <translation>原件未能下载：{why}</translation>
    </message>
</context>
<context>
    <name>OverdueDialog</name>
    <message>
        <source>Overdue and due soon</source>
        <translation>逾期与即将到期</translation>
    </message>
    <message>
        <source>{overdue} notice(s) overdue, {soon} due within one working day.</source>
        <translation>{overdue} 份逾期，{soon} 份将在一个工作日内到期。</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due within a working day</source>
        <translation>一个工作日内到期</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>限期</translation>
    </message>
    <message>
        <source>Show at start-up when something is overdue</source>
        <translation>有逾期时在启动时显示</translation>
    </message>
</context>
<context>
    <name>PhotoImportBar</name>
    <message>
        <source>Importing photos %v/%m</source>
        <translation>正在导入照片 %v/%m</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Importing {name} ({done}/{total}): %p%</source>
        <translation>正在导入 {name}（{done}/{total}）：%p%</translation>
    </message>
    <message>
        <source>Imported {n} photo(s).</source>
        <translation>已导入 {n} 张照片。</translation>
    </message>
    <message>
        <source>{n} already attached (not stored twice).</source>
        <translation>{n} 张已存在（不会重复保存）。</translation>
    </message>
    <message>
        <source>Cancelled: the photos imported so far are kept.</source>
        <translation>已取消：已导入的照片予以保留。</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 项</translation>
    </message>
    <message>
        <source>Import {n} unsaved photo(s) again</source>
        <translation>重新导入未保存的 {n} 张照片</translation>
    </message>
    <message>
        <source>The photo import stopped: {error}</source>
        <translation>照片导入中止：{error}</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>View (Enter)</source>
        <translation>查看（Enter）</translation>
    </message>
    <message>
        <source>Remove from this inspection (Delete)</source>
        <translation>从本次督查中移除（Delete）</translation>
    </message>
</context>
<context>
    <name>PhotoTray</name>
    <message>
        <source>Photo folder…</source>
        <translation>照片文件夹…</translation>
    </message>
    <message>
        <source>Attach to this item</source>
        <translation>附加到本项</translation>
    </message>
    <message>
        <source>Attach the picked photos to the current item (Enter in the tray)</source>
        <translation>把选中的照片附加到当前检查项（在照片栏中按 Enter）</translation>
    </message>
    <message>
        <source>{key} comes here. ←/→ move, Space picks or drops a photo, Enter attaches the picked ones</source>
        <translation>按 {key} 到这里。←/→ 移动，空格选中或取消一张照片，Enter 附加选中的照片</translation>
    </message>
    <message>
        <source>The folder of the camera card or phone</source>
        <translation>相机存储卡或手机照片所在的文件夹</translation>
    </message>
    <message>
        <source>Photos of this visit ({n})</source>
        <translation>本次照片（{n}）</translation>
    </message>
    <message>
        <source>Not chosen yet: the camera card or the phone&apos;s photo folder</source>
        <translation>尚未选择：相机存储卡或手机照片文件夹</translation>
    </message>
    <message>
        <source>Looking for the photos of this visit…</source>
        <translation>正在查找本次督查拍摄的照片…</translation>
    </message>
    <message>
        <source>Choose the camera card or phone photo folder once (Photo folder…): the photos taken during this visit show here. Or drop photos on this window.</source>
        <translation>选择一次相机存储卡或手机照片文件夹（照片文件夹…），本次督查期间拍摄的照片就会显示在这里；也可以把照片拖到本窗口。</translation>
    </message>
    <message>
        <source>The photo folder {folder} is not there: is the camera card or the phone connected? (Photo folder… chooses another.)</source>
        <translation>照片文件夹 {folder} 不在：相机存储卡或手机连接好了吗？（“照片文件夹…”可另选一个。）</translation>
    </message>
    <message>
        <source>No photo taken during this visit and not yet attached in {folder}.</source>
        <translation>{folder} 中没有本次督查期间拍摄、尚未附加的照片。</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Previous photo (Left, Page Up)</source>
        <translation>上一张（←、PageUp）</translation>
    </message>
    <message>
        <source>Next photo (Right, Page Down)</source>
        <translation>下一张（→、PageDown）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit to the window (F)</source>
        <translation>适应窗口（F）</translation>
    </message>
    <message>
        <source>Actual pixels, 100 % (1)</source>
        <translation>实际像素 100%（1）</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show or hide details (I)</source>
        <translation>显示或隐藏详情（I）</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>Taken (EXIF)</source>
        <translation>拍摄时间（EXIF 原文）</translation>
    </message>
    <message>
        <source>Taken (Beijing time)</source>
        <translation>拍摄时间（北京时间）</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256 校验值</translation>
    </message>
    <message>
        <source>{size} ({bytes} bytes)</source>
        <translation>{size}（{bytes} 字节）</translation>
    </message>
    <message>
        <source>Taken ({zone})</source>
        <translation>拍摄时间（{zone}）</translation>
    </message>
    <message>
        <source>no GPS</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>none (stored upright)</source>
        <translation>无（按原样存储）</translation>
    </message>
    <message>
        <source>mirrored left–right</source>
        <translation>左右镜像</translation>
    </message>
    <message>
        <source>rotated 180°</source>
        <translation>旋转 180°</translation>
    </message>
    <message>
        <source>mirrored top–bottom</source>
        <translation>上下镜像</translation>
    </message>
    <message>
        <source>rotated 90° clockwise, then mirrored left–right</source>
        <translation>顺时针旋转 90° 后左右镜像</translation>
    </message>
    <message>
        <source>rotated 90° clockwise</source>
        <translation>顺时针旋转 90°</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise, then mirrored left–right</source>
        <translation>逆时针旋转 90° 后左右镜像</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise</source>
        <translation>逆时针旋转 90°</translation>
    </message>
    <message>
        <source>not recorded (shown as stored)</source>
        <translation>未记录（按存储方向显示）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This photo cannot be shown.</source>
        <translation>无法显示这张照片。</translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation>无法解码该图像。</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>cannot be shown</source>
        <translation>无法显示</translation>
    </message>
    <message>
        <source>Still kept as a photo: {name}</source>
        <translation>截图已保存为照片：{name}</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>video {length}</source>
        <translation>视频 {length}</translation>
    </message>
    <message>
        <source>audio {length}</source>
        <translation>录音 {length}</translation>
    </message>
</context>
<context>
    <name>PlansDialog</name>
    <message>
        <source>Visit plans</source>
        <translation>督查计划</translation>
    </message>
    <message>
        <source>Each plan is drawn from a secret seed; its SHA-256 (the commitment) is published before the period. After the period the seed is revealed and this laptop checks that the plan is the draw from it.</source>
        <translation>每期计划由保密的随机种子抽取，期前公布种子的SHA-256（承诺值）；期满后公布种子，本机据此核验计划确系随机抽取。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Seed commitment (SHA-256)</source>
        <translation>种子承诺值（SHA-256）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Reveal the seed</source>
        <translation>公布种子</translation>
    </message>
    <message>
        <source>After the period&apos;s last day: the seed is published and the plan checked.</source>
        <translation>期间最后一天之后：公布种子并核验计划。</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Reading the plans…</source>
        <translation>正在读取督查计划…</translation>
    </message>
    <message>
        <source>The plans could not be read: {error}</source>
        <translation>无法读取督查计划：{error}</translation>
    </message>
    <message>
        <source>Seed not revealed yet</source>
        <translation>尚未公布种子</translation>
    </message>
    <message>
        <source>Matches the draw from its revealed seed</source>
        <translation>与公布的种子抽取结果一致</translation>
    </message>
    <message>
        <source>the seed does not match its published commitment</source>
        <translation>种子与期前公布的承诺值不符</translation>
    </message>
    <message>
        <source>the inputs differ from those recorded at the draw</source>
        <translation>抽取依据与抽取时记录的不同</translation>
    </message>
    <message>
        <source>no plan can be drawn from the recorded inputs</source>
        <translation>按记录的抽取依据无法抽取计划</translation>
    </message>
    <message>
        <source>the visits differ from the draw</source>
        <translation>督查安排与抽取结果不同</translation>
    </message>
    <message>
        <source>the seed is not revealed</source>
        <translation>尚未公布种子</translation>
    </message>
    <message>
        <source>the plan received is not readable</source>
        <translation>收到的计划无法读取</translation>
    </message>
    <message>
        <source>Does NOT match: {reasons}</source>
        <translation>不一致：{reasons}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>No plan is known here yet: plans reach the office&apos;s laptops at sync.</source>
        <translation>本机尚无督查计划：督查计划在同步时送达督查办的电脑。</translation>
    </message>
    <message>
        <source>Log in to a server to reveal a seed.</source>
        <translation>请先登录服务器，再公布种子。</translation>
    </message>
    <message>
        <source>Revealing the seed of {period}…</source>
        <translation>正在公布 {period} 的种子…</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>快捷方式</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Don&apos;t Save</source>
        <translation>不保存</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>关闭且不保存</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <source>Received changes set aside</source>
        <translation>已搁置的收到更改</translation>
    </message>
    <message>
        <source>These changes from the server could not be applied on this laptop and were set aside; everything else was received. A corrected version clears them at a later sync. Tell the office if they stay.</source>
        <translation>服务器发来的这些更改无法在本机应用，已搁置；其余内容均已收到。之后同步到更正后的版本时会自动清除。如一直存在，请告知督查办。</translation>
    </message>
    <message>
        <source>Nothing was set aside.</source>
        <translation>没有搁置的更改。</translation>
    </message>
</context>
<context>
    <name>RejectionsDialog</name>
    <message>
        <source>Changes the server refused</source>
        <translation>服务器拒绝的更改</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Nothing was refused.</source>
        <translation>没有被拒绝的更改。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return for correction</source>
        <translation>退回更正</translation>
    </message>
    <message>
        <source>What must be corrected (shown to the inspector)…</source>
        <translation>需要更正的内容（督查人员可见）…</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Comment for the inspector:</source>
        <translation>给督查人员的意见：</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Evidence photos</source>
        <translation>证据照片</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Evidence package…</source>
        <translation>证据包…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Accept the inspection (Ctrl+Shift+A)</source>
        <translation>审核通过此督查记录（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Return it with a comment (Ctrl+Shift+R)</source>
        <translation>填写意见后退回（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Only reviewers decide; you can read the evidence.</source>
        <translation>仅审核人员可作出审核决定；您可以查看证据。</translation>
    </message>
    <message>
        <source>A newer version of this inspection exists: review that one.</source>
        <translation>此督查记录已有更新版本，请审核最新版本。</translation>
    </message>
    <message>
        <source>Returned: waiting for the inspector&apos;s correction.</source>
        <translation>已退回，等待督查人员更正。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未能登记</translation>
    </message>
    <message>
        <source>evidence-{id}</source>
        <translation>证据包-{id}</translation>
    </message>
</context>
<context>
    <name>RoadChiefsDialog</name>
    <message>
        <source>Road chiefs board (路长公示)</source>
        <translation>路长公示</translation>
    </message>
    <message>
        <source>All road segments</source>
        <translation>全部责任路段</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <source>Poster (A2)</source>
        <translation>海报（A2）</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Road chiefs board</source>
        <translation>路长公示</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Saved {path}: {n} road segment(s).</source>
        <translation>已保存 {path}：共 {n} 条责任路段。</translation>
    </message>
    <message>
        <source>the office&apos;s supervision phone (监督电话) is not set. Fill it in Settings → Office settings, then export again.</source>
        <translation>单位的监督电话尚未设置。请在“设置 → 单位设置”中填写后重新导出。</translation>
    </message>
    <message>
        <source>No road chief named for: {zones}</source>
        <translation>以下路段未明确路长：{zones}</translation>
    </message>
    <message>
        <source>No phone for the chief of: {zones}</source>
        <translation>以下路段的路长未登记电话：{zones}</translation>
    </message>
</context>
<context>
    <name>RowLabels</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
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
        <source>Inspection</source>
        <translation>督查记录</translation>
    </message>
    <message>
        <source>Inspection team member</source>
        <translation>督查组成员</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Case (hotline, citizen photo …)</source>
        <translation>问题来源案件（热线、随手拍等）</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知单</translation>
    </message>
    <message>
        <source>Notice step</source>
        <translation>通知单环节</translation>
    </message>
    <message>
        <source>Rectification report</source>
        <translation>整改回执</translation>
    </message>
    <message>
        <source>Recheck</source>
        <translation>复查</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Road chief duty check</source>
        <translation>路长在岗核查</translation>
    </message>
    <message>
        <source>Photo markup</source>
        <translation>照片标注</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Office settings</source>
        <translation>单位设置</translation>
    </message>
    <message>
        <source>Imported assessment scores</source>
        <translation>导入的考核分项得分</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>小结</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>处数</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>考核项目</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>新的整改期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>是否通过</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unit responsible then</source>
        <translation>当时责任单位</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>改派至</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>分拨</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>督查单位</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Bulletin title</source>
        <translation>通报标题</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改方式</translation>
    </message>
    <message>
        <source>Why it was not applied</source>
        <translation>未采用的原因</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Office settings…</source>
        <translation>单位设置…</translation>
    </message>
    <message>
        <source>The office&apos;s name, hours, time zone and rules: the same on every laptop</source>
        <translation>单位名称、办公时间、时区和考核规则：各台电脑统一使用</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>No system keyring here: the login token is kept in a file only you can read.</source>
        <translation>本机没有系统密钥环：登录令牌保存在仅您本人可读的文件中。</translation>
    </message>
    <message>
        <source>The login token is kept in the system keyring.</source>
        <translation>登录令牌保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>The language applies when Ducha starts again.</source>
        <translation>语言设置在重新启动督查后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>&lt;b&gt;Originals kept on this computer&lt;/b&gt; (office laptops)</source>
        <translation>&lt;b&gt;本机保存的照片原件&lt;/b&gt;（办公室电脑）</translation>
    </message>
    <message>
        <source>Keep the originals of the last</source>
        <translation>保存最近</translation>
    </message>
    <message>
        <source>Using at most</source>
        <translation>最多占用</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>This laptop works without a server: nothing to sync with. Log in… once the office has one.</source>
        <translation>本机在无服务器模式下工作：没有可同步的服务器。单位有服务器后，请点“登录…”。</translation>
    </message>
    <message>
        <source>Synced. This laptop&apos;s clock is {minutes} minute(s) off the server&apos;s: set it right, times recorded here are evidence.</source>
        <translation>已同步。本机时钟与服务器相差 {minutes} 分钟，请校准：这里记录的时间是证据。</translation>
    </message>
    <message>
        <source>Synced. The server was restored from a backup: this laptop sent again {n} change(s) the server had lost.</source>
        <translation>已同步。服务器已从备份恢复：本机已重新发送服务器缺失的 {n} 条更改。</translation>
    </message>
    <message>
        <source>Synced. {n} submission(s) were refused because the draft was changed on the server meanwhile: your version is kept under concurrent edits, and the draft is open again with the server&apos;s changes merged in. Check it and submit again.</source>
        <translation>同步完成。有 {n} 份提交被服务器退回：期间他人在服务器上修改了该草稿。您提交的版本已保存在“同时修改”中，草稿已重新打开并合并了服务器上的修改，请核对后再次提交。</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>Sync stopped: {error}</source>
        <translation>同步中止：{error}</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <source>Logged out on this laptop. The server could not be reached; an administrator can revoke this laptop&apos;s login there (ducha-server device revoke).</source>
        <translation>已在本机退出登录。无法连接服务器；管理员可在服务器上撤销本机的登录（ducha-server device revoke）。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Edited on two laptops at once</source>
        <translation>两台电脑同时修改</translation>
    </message>
    <message>
        <source>Edited here, deleted elsewhere</source>
        <translation>本机修改，他处已删除</translation>
    </message>
    <message>
        <source>A second rectification report for the same round</source>
        <translation>同一轮整改的第二份整改回执</translation>
    </message>
    <message>
        <source>Submission refused: the draft was changed on the server meanwhile. It was opened again as a draft with the server&apos;s changes merged in; check it and submit again.</source>
        <translation>提交被退回：期间他人在服务器上修改了该草稿。已重新打开为草稿并合并了服务器上的修改，请核对后再次提交。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Not logged in · last sync {time}</source>
        <translation>未登录 · 上次同步 {time}</translation>
    </message>
    <message>
        <source>Log in (Log in… on the toolbar) to sync again.</source>
        <translation>登录（工具栏“登录…”）后即可再次同步。</translation>
    </message>
    <message>
        <source>Working without a server: all is kept on this laptop</source>
        <translation>无服务器模式：所有数据保存在本机</translation>
    </message>
    <message>
        <source>Everything recorded here stays on this laptop. When the office gets a server: ducha org export on this laptop, ducha-server org adopt on the server, then log in (Log in… on the toolbar) and the changes waiting are sent.</source>
        <translation>在本机记录的一切都保存在本机。单位有服务器后：在本机运行 ducha org export，在服务器上运行 ducha-server org adopt，然后登录（工具栏“登录…”），待同步的更改即会发送。</translation>
    </message>
    <message>
        <source>Changes waiting to sync: {n} · photos: {p}</source>
        <translation>待同步更改：{n} · 照片：{p}</translation>
    </message>
    <message>
        <source>{n} refused by the server</source>
        <translation>{n} 项被服务器拒绝</translation>
    </message>
    <message>
        <source>{n} concurrent edit(s) kept</source>
        <translation>保留了 {n} 处同时修改</translation>
    </message>
    <message>
        <source>{n} received change(s) set aside</source>
        <translation>{n} 项收到的更改已搁置</translation>
    </message>
    <message>
        <source>New version {version} available</source>
        <translation>有新版本 {version} 可用</translation>
    </message>
    <message>
        <source>Uploading photos {done}/{total}</source>
        <translation>正在上传照片 {done}/{total}</translation>
    </message>
    <message>
        <source>Uploaded {done}/{total} MB</source>
        <translation>已上传 {done}/{total} MB</translation>
    </message>
    <message>
        <source>Sending changes {done}/{total}</source>
        <translation>正在发送更改 {done}/{total}</translation>
    </message>
    <message>
        <source>Receiving changes {done}</source>
        <translation>正在接收更改 {done}</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>同步已中止</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>停用时间</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>督查次数</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>A template in .xlsx or JSON: checked, then previewed</source>
        <translation>.xlsx 或 JSON 格式的模板：先检查，再预览</translation>
    </message>
    <message>
        <source>Publish as a new version</source>
        <translation>发布为新版本</translation>
    </message>
    <message>
        <source>Retire this version</source>
        <translation>停用此版本</translation>
    </message>
    <message>
        <source>New inspections can no longer use it; those made with it keep it</source>
        <translation>新建督查不能再使用该版本；已用它做的督查保留原版本</translation>
    </message>
    <message>
        <source>No file imported.</source>
        <translation>尚未导入文件。</translation>
    </message>
    <message>
        <source>Category / item</source>
        <translation>分类 / 项目</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Per case</source>
        <translation>每处扣分</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Template file</source>
        <translation>模板文件</translation>
    </message>
    <message>
        <source>Templates (*.xlsx *.csv *.json)</source>
        <translation>模板文件 (*.xlsx *.csv *.json)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>{file}: {n} problem(s); nothing can be published until they are fixed.</source>
        <translation>{file}：有 {n} 个问题；改正之前不能发布。</translation>
    </message>
    <message>
        <source>{file}: {name}, version {version}, {n} items, full score {score}.</source>
        <translation>{file}：{name}，第 {version} 版，{n} 个项目，满分 {score}。</translation>
    </message>
    <message>
        <source>The file is correct: check the preview, then publish it.</source>
        <translation>文件无误：请核对预览后发布。</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>问题（{n}）</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>{name} version {version} published: the laptops receive it at their next sync.</source>
        <translation>{name} 第 {version} 版已发布：各电脑在下次同步时收到。</translation>
    </message>
    <message>
        <source>{name} version {version} retired: new inspections can no longer use it.</source>
        <translation>{name} 第 {version} 版已停用：新建督查不能再使用。</translation>
    </message>
</context>
<context>
    <name>UnitEventDialog</name>
    <message>
        <source>{step} — notice {number}</source>
        <translation>{step} — 通知 {number}</translation>
    </message>
    <message>
        <source>Name of the person at the unit</source>
        <translation>单位提出人姓名</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Asked by (unit)</source>
        <translation>单位提出人</translation>
    </message>
    <message>
        <source>Current due time</source>
        <translation>当前整改期限</translation>
    </message>
    <message>
        <source>Date asked for</source>
        <translation>申请延期至</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>改派至</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>新整改期限</translation>
    </message>
    <message>
        <source>Refusing the dispute counts it as 推诿 (an unfounded dispute) against {unit}.</source>
        <translation>驳回异议将计为{unit}推诿（异议不成立）。</translation>
    </message>
    <message>
        <source>The notice keeps its number and history; it goes back to awaiting receipt (签收) by the new unit.</source>
        <translation>通知保留原编号和办理记录，改派后回到待签收状态，由新责任单位签收。</translation>
    </message>
    <message>
        <source>Record request</source>
        <translation>记录申请</translation>
    </message>
    <message>
        <source>Record dispute</source>
        <translation>记录异议</translation>
    </message>
    <message>
        <source>Refuse dispute</source>
        <translation>驳回异议</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>申请理由</translation>
    </message>
    <message>
        <source>Why it is not theirs</source>
        <translation>异议理由</translation>
    </message>
    <message>
        <source>Why the dispute is refused</source>
        <translation>驳回理由</translation>
    </message>
    <message>
        <source>Reason for the transfer</source>
        <translation>改派原因</translation>
    </message>
    <message>
        <source>Set the due time: the problems&apos; limits are not here.</source>
        <translation>请设定整改期限：本机没有这些问题的时限规定。</translation>
    </message>
    <message>
        <source>From the transfer by the problems&apos; time limits on the working-day calendar: {due}.</source>
        <translation>自改派时起按问题时限和工作日历计算：{due}。</translation>
    </message>
    <message>
        <source>⚠ The holiday calendar does not cover {years}: check the date.</source>
        <translation>⚠ 节假日数据未覆盖 {years} 年，请核对日期。</translation>
    </message>
    <message>
        <source>Please fill in: {what}</source>
        <translation>请填写：{what}</translation>
    </message>
    <message>
        <source>There is no other unit to transfer to.</source>
        <translation>没有其他单位可改派。</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Zones in use</source>
        <translation>使用中的区域</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>e.g. 青山县城市管理局</source>
        <translation>例如：青山县城市管理局</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>新增单位</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Rename the selected unit, or change its kind or parent</source>
        <translation>重命名所选单位，或修改其类型、上级单位</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Name and kind</source>
        <translation>名称和类型</translation>
    </message>
    <message>
        <source>(none: a top unit)</source>
        <translation>（无：顶级单位）</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>Unit {name} added.</source>
        <translation>已新增单位 {name}。</translation>
    </message>
    <message>
        <source>Unit {name} saved.</source>
        <translation>单位 {name} 已保存。</translation>
    </message>
    <message>
        <source>Unit {name} is in use again.</source>
        <translation>单位 {name} 已恢复启用。</translation>
    </message>
    <message>
        <source>Unit {name} retired.</source>
        <translation>单位 {name} 已停用。</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>About and updates</source>
        <translation>关于/更新</translation>
    </message>
    <message>
        <source>This is Ducha {version}.</source>
        <translation>当前为督查 {version} 版。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Install now</source>
        <translation>立即安装</translation>
    </message>
    <message>
        <source>The server offers no newer version (as of the last sync).</source>
        <translation>服务器没有提供更新的版本（截至上次同步）。</translation>
    </message>
    <message>
        <source>New version {version} available: {file} ({size:.1f} MB).</source>
        <translation>有新版本 {version} 可用：{file}（{size:.1f} MB）。</translation>
    </message>
    <message>
        <source>Not downloaded yet.</source>
        <translation>尚未下载。</translation>
    </message>
    <message>
        <source>Log in to the server to download it.</source>
        <translation>请先登录服务器再下载。</translation>
    </message>
    <message>
        <source>Downloaded and verified (size, SHA-256, signature): {path}</source>
        <translation>已下载并校验通过（大小、SHA-256、签名）：{path}</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>Downloading… {done:.1f} of {total:.1f} MB</source>
        <translation>正在下载… {done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <source>To install, run in a terminal in its folder: sudo apt install ./{file}</source>
        <translation>安装方法：在该文件夹中打开终端，运行 sudo apt install ./{file}</translation>
    </message>
    <message>
        <source>Unpack {file} in place of the program&apos;s folder, then start Ducha again.</source>
        <translation>请将 {file} 解压覆盖程序所在文件夹，然后重新启动督查。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备数</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>A new role or units end the user&apos;s logins: they log in again</source>
        <translation>修改角色或单位后，该用户须重新登录</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Devices…</source>
        <translation>设备…</translation>
    </message>
    <message>
        <source>The accounts are kept on the server only: connect to see them.</source>
        <translation>账号只保存在服务器上：连接服务器后才能查看。</translation>
    </message>
    <message>
        <source> (new password due)</source>
        <translation>（待改密码）</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>User {user} added.</source>
        <translation>已新增用户 {user}。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
    <message>
        <source>User {user} saved.</source>
        <translation>用户 {user} 已保存。</translation>
    </message>
    <message>
        <source>User {user} is enabled.</source>
        <translation>用户 {user} 已启用。</translation>
    </message>
    <message>
        <source>User {user} is disabled: their logins no longer work.</source>
        <translation>用户 {user} 已停用：其登录不再有效。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Give {user} a new one-time password? Their current password and logins stop working.</source>
        <translation>为 {user} 生成新的一次性密码？其当前密码和登录将失效。</translation>
    </message>
    <message>
        <source>The password of {user} was reset.</source>
        <translation>已重置 {user} 的密码。</translation>
    </message>
</context>
<context>
    <name>ZonesTab</name>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Road chief</source>
        <translation>路长</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>e.g. 人民路（解放路—建设路）</source>
        <translation>例如：人民路（解放路—建设路）</translation>
    </message>
    <message>
        <source>No outline</source>
        <translation>无边界</translation>
    </message>
    <message>
        <source>Load .geojson…</source>
        <translation>载入 .geojson…</translation>
    </message>
    <message>
        <source>Remove outline</source>
        <translation>移除边界</translation>
    </message>
    <message>
        <source>Add zone</source>
        <translation>新增区域</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>A retired zone is not offered for new inspections; old records keep it</source>
        <translation>停用的区域不再用于新建督查；已有记录保留该区域</translation>
    </message>
    <message>
        <source>Name, kind, unit</source>
        <translation>名称、类型、单位</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>{kind} from {file}</source>
        <translation>{kind}，来自 {file}</translation>
    </message>
    <message>
        <source>{kind} (on the server)</source>
        <translation>{kind}（服务器上已有）</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>Zone outline</source>
        <translation>区域边界</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON 文件 (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Outline read from {file}.</source>
        <translation>已从 {file} 读取边界。</translation>
    </message>
    <message>
        <source>{file}: the outline is larger than 1 MB; simplify it.</source>
        <translation>{file}：边界超过 1 MB，请简化后再载入。</translation>
    </message>
    <message>
        <source>{file}: this is not a GeoJSON file (not readable as JSON text).</source>
        <translation>{file}：不是 GeoJSON 文件（无法按 JSON 文本读取）。</translation>
    </message>
    <message>
        <source>{file}: the file holds several features; save the zone&apos;s outline alone.</source>
        <translation>{file}：文件中有多个要素，请只保存该区域的边界。</translation>
    </message>
    <message>
        <source>{file}: the outline must be a Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude (closed rings).</source>
        <translation>{file}：边界须为 WGS84 经纬度的 Polygon、MultiPolygon、LineString 或 MultiLineString（多边形须闭合）。</translation>
    </message>
    <message>
        <source>Zone {name} added.</source>
        <translation>已新增区域 {name}。</translation>
    </message>
    <message>
        <source>Zone {name} saved.</source>
        <translation>区域 {name} 已保存。</translation>
    </message>
    <message>
        <source>Zone {name} is in use again.</source>
        <translation>区域 {name} 已恢复启用。</translation>
    </message>
    <message>
        <source>Zone {name} retired: it is no longer offered for new inspections.</source>
        <translation>区域 {name} 已停用：新建督查时不再列出。</translation>
    </message>
</context>
<context>
    <name>admin</name>
    <message>
        <source>Not connected to the server: changes to the organisation need the server.</source>
        <translation>未连接服务器：组织管理的修改需要连接服务器</translation>
    </message>
    <message>
        <source>That name is already taken: choose another.</source>
        <translation>该名称已被使用：请换一个。</translation>
    </message>
    <message>
        <source>A unit cannot be placed under itself or under one of its own sub-units.</source>
        <translation>单位不能设为自身或其下级单位的下级。</translation>
    </message>
    <message>
        <source>The unit still has zones in use: retire them or give them to another unit first.</source>
        <translation>该单位仍有使用中的区域：请先停用这些区域或将其划归其他单位。</translation>
    </message>
    <message>
        <source>The outline is not usable: it must be a GeoJSON Polygon, MultiPolygon, LineString or MultiLineString in WGS84 longitude/latitude, at most 1 MB.</source>
        <translation>边界不可用：须为 WGS84 经纬度的 GeoJSON Polygon、MultiPolygon、LineString 或 MultiLineString，且不超过 1 MB。</translation>
    </message>
    <message>
        <source>You cannot disable your own account or take away your own admin role.</source>
        <translation>不能停用自己的账号，也不能取消自己的管理员角色。</translation>
    </message>
    <message>
        <source>This template version already exists, or is not above the highest published version of that name: raise the version number.</source>
        <translation>该模板版本已存在，或不高于同名模板已发布的最高版本：请提高版本号。</translation>
    </message>
    <message>
        <source>The server found problems in the template:</source>
        <translation>服务器发现模板有以下问题：</translation>
    </message>
    <message>
        <source>Only an administrator may do this; your account is not one.</source>
        <translation>只有管理员可以执行此操作；您的账号不是管理员。</translation>
    </message>
    <message>
        <source>You must change your password first: log in again to set a new one.</source>
        <translation>须先修改密码：请重新登录并设置新密码。</translation>
    </message>
    <message>
        <source>It is no longer on the server (removed meanwhile): the list is read again.</source>
        <translation>服务器上已没有该条目（可能已被删除）：请重新读取列表。</translation>
    </message>
    <message>
        <source>That user name is already taken: choose another.</source>
        <translation>该用户名已被使用：请换一个。</translation>
    </message>
    <message>
        <source>That unit is retired: choose a unit in use.</source>
        <translation>该单位已停用：请选择使用中的单位。</translation>
    </message>
    <message>
        <source>The parent unit chosen no longer exists on the server: read the lists again.</source>
        <translation>所选上级单位在服务器上已不存在：请重新读取列表。</translation>
    </message>
    <message>
        <source>A unit chosen no longer exists on the server: read the lists again.</source>
        <translation>所选单位在服务器上已不存在：请重新读取列表。</translation>
    </message>
    <message>
        <source>The new password is too short: use at least 8 characters.</source>
        <translation>新密码太短：至少需要 8 个字符。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Choose a password other than the one-time password.</source>
        <translation>新密码不能与一次性密码相同。</translation>
    </message>
    <message>
        <source>It is larger than the server accepts: make it smaller (a simpler outline).</source>
        <translation>超出服务器接受的大小：请缩小（例如简化边界）。</translation>
    </message>
    <message>
        <source>The server did not accept a field: check what you entered.</source>
        <translation>服务器不接受某个字段：请检查填写的内容。</translation>
    </message>
    <message>
        <source>The server refused the change; the details are in the log file.</source>
        <translation>服务器拒绝了此修改；详情见日志文件。</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>出现问题；详情见日志文件。</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Street office</source>
        <translation>街道办事处</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已解除绑定</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>bundle</name>
    <message>
        <source>ducha bundle: no store in {folder}</source>
        <translation>ducha bundle：{folder} 中没有数据</translation>
    </message>
    <message>
        <source>ducha bundle: the file cannot be written or read: {error}</source>
        <translation>ducha bundle：无法读写文件：{error}</translation>
    </message>
    <message>
        <source>{name}: damaged or incomplete (cut short?). Nothing was applied.</source>
        <translation>{name}：文件损坏或不完整（是否被截断？）。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: this part of the bundle is missing. Nothing was applied.</source>
        <translation>{name}：缺少数据包的这一部分。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: altered or damaged since it was written. Nothing was applied.</source>
        <translation>{name}：写出后已被改动或损坏。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: not signed by the server (altered?). Nothing was applied.</source>
        <translation>{name}：不是服务器签发的（是否被改动？）。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: this answer is for another laptop or user, or for a bundle this laptop did not write. Nothing was applied.</source>
        <translation>{name}：这是其他电脑或其他用户的回执，或不是本机导出的数据包的回执。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: this answer does not match what this laptop holds now. Nothing was applied; sync online, or export a new bundle.</source>
        <translation>{name}：回执与本机现有数据不符。未导入任何内容；请联网同步，或重新导出数据包。</translation>
    </message>
    <message>
        <source>This laptop has not synced online since it logged in, so the server cannot check its bundles yet. Sync online once, then export.</source>
        <translation>本机登录后还没有联网同步过，服务器暂时无法核验它的数据包。请先联网同步一次，再导出。</translation>
    </message>
    <message>
        <source>{name}: the server does not know this laptop&apos;s key: the laptop must sync online once after logging in. Nothing was applied.</source>
        <translation>{name}：服务器不认识这台电脑的密钥：该电脑登录后须先联网同步一次。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: the laptop or its user was revoked or disabled on the server. Nothing was applied.</source>
        <translation>{name}：该电脑或其用户已在服务器上被吊销或停用。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: this bundle is for another server (or for this one before a restore). Nothing was applied.</source>
        <translation>{name}：这是发给其他服务器的数据包（或是本服务器恢复备份之前的）。未导入任何内容。</translation>
    </message>
    <message>
        <source>{name}: larger than the server takes (ask its administrator). Nothing was applied.</source>
        <translation>{name}：超出服务器允许的大小（请联系服务器管理员）。未应用任何内容。</translation>
    </message>
    <message>
        <source>The original of photo {name} is not on this laptop. Nothing was written.</source>
        <translation>照片 {name} 的原图不在本机。未写出任何内容。</translation>
    </message>
    <message>
        <source>{name}: refused ({code}). Nothing was applied.</source>
        <translation>{name}：被拒绝（{code}）。未导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing of the bundle was left on the drive: everything still waits to be sent, as before. Free some space or put the stick back, and export again.</source>
        <translation>U盘上没有留下这个数据包的任何部分：所有数据仍和之前一样等待发送。请腾出空间或重新插好U盘，再导出一次。</translation>
    </message>
    <message>
        <source>Bundle written: {changes} change(s) in {batches} batch(es), {originals} original(s), {megabytes} MB in {files} file(s). Take it to the office; import its answer here afterwards.</source>
        <translation>数据包已写出：{batches} 批共 {changes} 项修改，{originals} 张原图，{files} 个文件共 {megabytes} MB。请带到单位导入；之后在本机导入回执。</translation>
    </message>
    <message>
        <source>Answer imported: {accepted} change(s) accepted, {rejected} refused, {conflicts} conflict(s), {pulled} change(s) received.</source>
        <translation>回执已导入：{accepted} 项修改被接受，{rejected} 项被拒绝，{conflicts} 处冲突，收到 {pulled} 项更新。</translation>
    </message>
    <message>
        <source>{n} batch(es) had been answered already (online sync): left as they were.</source>
        <translation>{n} 批已经答复过（联网同步）：保持不变。</translation>
    </message>
    <message>
        <source>Official number: {number}</source>
        <translation>正式编号：{number}</translation>
    </message>
    <message>
        <source>Refused: {entity} {id}: {reason}</source>
        <translation>被拒绝：{entity} {id}：{reason}</translation>
    </message>
    <message>
        <source>The server refused a batch ({reason}); it stays to be sent.</source>
        <translation>服务器拒绝了一批修改（{reason}）；它们仍待发送。</translation>
    </message>
    <message>
        <source>The server&apos;s changes were not applied: sync online to receive them.</source>
        <translation>服务器的更新未导入：请联网同步获取。</translation>
    </message>
</context>
<context>
    <name>case_file</name>
    <message>
        <source>file “{name}”</source>
        <translation>文件“{name}”</translation>
    </message>
    <message>
        <source>sheet “{name}”</source>
        <translation>工作表“{name}”</translation>
    </message>
    <message>
        <source>neither UTF-8, GBK nor UTF-16 text</source>
        <translation>不是 UTF-8、GBK 或 UTF-16 编码的文本</translation>
    </message>
    <message>
        <source>the workbook has a password: remove it in Excel or WPS and save it again</source>
        <translation>工作簿设有打开密码：请在 Excel 或 WPS 中取消密码后重新保存</translation>
    </message>
    <message>
        <source>empty: the file holds nothing</source>
        <translation>是空的：文件里没有任何内容</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>not a regular file (a pipe or a device)</source>
        <translation>不是普通文件（管道或设备）</translation>
    </message>
    <message>
        <source>cannot be read: no permission</source>
        <translation>无法读取：没有读取权限</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>无法读取（{reason}）</translation>
    </message>
    <message>
        <source>longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote &quot; joins the lines after it into one cell)</source>
        <translation>超过 {cell} 个字符，单元格最多只能容纳这么多（CSV 文件中多出的一个引号 &quot; 会把其后的行并进这一格）</translation>
    </message>
    <message>
        <source>the quote &quot; that opens this cell is never closed: the {reason} line(s) after it were read into the cell</source>
        <translation>这一格开头的引号 &quot; 没有结束引号：其后 {reason} 行都被读进了这一格</translation>
    </message>
    <message>
        <source>a control character ({reason}) that cannot be kept: delete it and import again</source>
        <translation>含有无法保存的控制字符（{reason}）：请删去后重新导入</translation>
    </message>
    <message>
        <source>the formula has no saved value: open the file in Excel or WPS and save it</source>
        <translation>公式没有保存的计算结果：请用 Excel 或 WPS 打开文件并保存</translation>
    </message>
    <message>
        <source>file “{name}”, sheet “{sheet}”</source>
        <translation>文件“{name}”工作表“{sheet}”</translation>
    </message>
    <message>
        <source>no row among the first {n} of any sheet names the columns 工单号 时间 地址 问题描述</source>
        <translation>各工作表前 {n} 行中没有一行含有 工单号 时间 地址 问题描述 这些列</translation>
    </message>
    <message>
        <source>an old .xls file: save it as .xlsx or CSV</source>
        <translation>旧的 .xls 格式：请另存为 .xlsx 或 CSV</translation>
    </message>
    <message>
        <source>not a readable .xlsx file</source>
        <translation>不是可读的 .xlsx 文件</translation>
    </message>
    <message>
        <source>too large: more than {rows} rows or {mb} MB</source>
        <translation>文件过大：超过 {rows} 行或 {mb} MB</translation>
    </message>
    <message>
        <source>only .xlsx, .csv and .txt files are read</source>
        <translation>只能读取 .xlsx、.csv 和 .txt 文件</translation>
    </message>
    <message>
        <source>the column is missing</source>
        <translation>缺少这一列</translation>
    </message>
    <message>
        <source>no cases in the file</source>
        <translation>文件中没有案件</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>longer than {n} characters</source>
        <translation>超过 {n} 个字符</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; appears again (first in row {row})</source>
        <translation>“{value}”重复（首次出现在第{row}行）</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date</source>
        <translation>“{value}”不是日期</translation>
    </message>
    <message>
        <source>photo &apos;{name}&apos; is not in {folder}</source>
        <translation>照片“{name}”不在 {folder} 中</translation>
    </message>
    <message>
        <source>ducha import cases: no store in {folder}</source>
        <translation>ducha import cases：{folder} 中没有数据</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>{place}, row {row}, column {column}: {what}</source>
        <translation>{place}第{row}行 {column} 列：{what}</translation>
    </message>
    <message>
        <source>{place}, row {row}: {what}</source>
        <translation>{place}第{row}行：{what}</translation>
    </message>
    <message>
        <source>{place}: {what}</source>
        <translation>{place}：{what}</translation>
    </message>
    <message>
        <source>Already imported, so nothing was imported: {tickets}</source>
        <translation>以下工单号已导入过，本次未导入任何案件：{tickets}</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} problem(s) in the file</source>
        <translation>未导入任何案件：文件中有 {count} 处问题</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported</source>
        <translation>已取消：未导入任何案件</translation>
    </message>
    <message>
        <source>Imported {count} case(s)</source>
        <translation>已导入 {count} 件案件</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>Inspection</source>
        <translation>督查</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Citizen photo</source>
        <translation>随手拍</translation>
    </message>
    <message>
        <source>Media exposure</source>
        <translation>媒体曝光</translation>
    </message>
    <message>
        <source>Leader&apos;s instruction</source>
        <translation>领导交办</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待分拨</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已交办</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Already imported: {tickets}</source>
        <translation>以下工单号已导入过：{tickets}</translation>
    </message>
    <message>
        <source>The case is no longer in this store.</source>
        <translation>该案件已不在本机数据中。</translation>
    </message>
    <message>
        <source>Case {ticket} has already been triaged.</source>
        <translation>案件 {ticket} 已经分拨处理过。</translation>
    </message>
    <message>
        <source>The unit is no longer in this store.</source>
        <translation>该单位已不在本机数据中。</translation>
    </message>
    <message>
        <source>The zone belongs to another unit.</source>
        <translation>该责任区属于其他单位。</translation>
    </message>
    <message>
        <source>The notice is no longer in this store.</source>
        <translation>该整改通知已不在本机数据中。</translation>
    </message>
    <message>
        <source>Notice {number} is closed: merge into an open one.</source>
        <translation>通知 {number} 已销号，请合并到未销号的通知。</translation>
    </message>
    <message>
        <source>Give the reason the case is not accepted.</source>
        <translation>请填写不予受理的理由。</translation>
    </message>
</context>
<context>
    <name>composite</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not yet imported: {names}. The totals below leave them out; grades, flags, lists and the documents wait until they are in: import each component&apos;s scores for the period (an .xlsx or CSV file with a score per unit) in {menu}.</source>
        <translation>尚未导入：{names}。下表总分未含这些项目；等次、流动红旗/黄旗、红黑榜和通报文件待导入后生成。请在“{menu}”中导入本期各项目得分（.xlsx 或 CSV 文件，每个单位一个得分）。</translation>
    </message>
    <message>
        <source>On-time rate {rate} is {below} points below {line}%</source>
        <translation>按期整改率{rate}，低于{line}%线{below}个百分点</translation>
    </message>
    <message>
        <source>Close-out rate {rate} is {below} points below {line}%</source>
        <translation>销号率{rate}，低于{line}%线{below}个百分点</translation>
    </message>
    <message>
        <source>{count} failed rechecks</source>
        <translation>返工{count}次</translation>
    </message>
    <message>
        <source>{count} notices overdue or rectified late</source>
        <translation>逾期或超期整改{count}件</translation>
    </message>
    <message>
        <source>{count} disputes refused</source>
        <translation>推诿（争议被驳回）{count}次</translation>
    </message>
    <message>
        <source>Imported from {file}</source>
        <translation>导入自{file}</translation>
    </message>
    <message>
        <source>Mean of {count} quarters&apos; imports</source>
        <translation>{count}个季度导入得分的平均值</translation>
    </message>
    <message>
        <source>Mean of {count} monthly scores: {mean}</source>
        <translation>{count}个月督查得分的平均值：{mean}</translation>
    </message>
    <message>
        <source>{count} problems exposed on video</source>
        <translation>视频曝光问题{count}个</translation>
    </message>
    <message>
        <source>Road chief not on duty {count} times</source>
        <translation>路长不在岗{count}次</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>督查</translation>
    </message>
    <message>
        <source>Problem handling</source>
        <translation>问题办理</translation>
    </message>
    <message>
        <source>Video exposure</source>
        <translation>视频曝光</translation>
    </message>
    <message>
        <source>Road chiefs on duty</source>
        <translation>马路办公</translation>
    </message>
    <message>
        <source>Third-party evaluation</source>
        <translation>第三方评估</translation>
    </message>
    <message>
        <source>Public survey</source>
        <translation>民调</translation>
    </message>
    <message>
        <source>Special work</source>
        <translation>专项工作</translation>
    </message>
    <message>
        <source>Professional inspection</source>
        <translation>专业检查</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>No Chinese font is installed, so the document cannot be made (its Chinese text would be missing). Install the WenQuanYi Micro Hei font (Debian/Ubuntu package fonts-wqy-microhei), or put a Chinese TrueType font (.ttf/.ttc) in the resources/fonts folder of the application, then try again.</source>
        <translation>未安装中文字体，无法生成文档（中文内容会缺失）。请安装文泉驿微米黑字体（Debian/Ubuntu 软件包 fonts-wqy-microhei），或将中文 TrueType 字体（.ttf/.ttc）放入程序的 resources/fonts 文件夹，然后重试。</translation>
    </message>
    <message>
        <source>The document cannot be written or printed.</source>
        <translation>无法生成或打印该文档。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>{name}: the bulletin is written as .pdf or .docx</source>
        <translation>{name}：督查通报只能导出为 .pdf 或 .docx 文件</translation>
    </message>
    <message>
        <source>{name}: the workbook is written as .xlsx</source>
        <translation>{name}：工作簿只能导出为 .xlsx 文件</translation>
    </message>
    <message>
        <source>The original photo {name} cannot be read, so the document was not written.</source>
        <translation>照片原件 {name} 无法读取，文档未生成。</translation>
    </message>
</context>
<context>
    <name>duty</name>
    <message>
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>不在岗</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>未核实</translation>
    </message>
</context>
<context>
    <name>evidence</name>
    <message>
        <source>No camera time (EXIF) in this photo: it may have been sent through a chat app that strips it. Its time cannot be checked.</source>
        <translation>照片没有拍摄时间（EXIF），可能经聊天软件转发而丢失，无法核对拍摄时间。</translation>
    </message>
    <message>
        <source>Taken {days} days away from the inspection&apos;s time: check it was taken here.</source>
        <translation>拍摄时间与督查时间相差 {days} 天，请核实是否在现场拍摄。</translation>
    </message>
    <message>
        <source>Taken {hours} h away from the inspection&apos;s time: check it was taken here.</source>
        <translation>拍摄时间与督查时间相差 {hours} 小时，请核实是否在现场拍摄。</translation>
    </message>
</context>
<context>
    <name>evidence_times</name>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>No camera time (EXIF) in this photo: when it was taken cannot be checked.</source>
        <translation>这张照片没有相机拍摄时间（EXIF），无法核对拍摄时间。</translation>
    </message>
    <message>
        <source>Camera time (EXIF) is {gap} before the inspection started.</source>
        <translation>相机时间（EXIF）比检查开始早 {gap}。</translation>
    </message>
    <message>
        <source>Camera time (EXIF) is {gap} after the inspection finished.</source>
        <translation>相机时间（EXIF）比检查结束晚 {gap}。</translation>
    </message>
    <message>
        <source>The inspector&apos;s laptop clock was at least {gap} ahead of the server&apos;s when it sent this inspection: its recorded times are not reliable.</source>
        <translation>发送这次检查时，督查人员电脑的时钟比服务器快至少 {gap}：其记录的时间不可靠。</translation>
    </message>
    <message>
        <source>The laptop clock was at least {gap} ahead of the server&apos;s when it sent this photo: its import time is not reliable.</source>
        <translation>发送这张照片时，电脑时钟比服务器快至少 {gap}：其导入时间不可靠。</translation>
    </message>
    <message>
        <source>{start} – {finish}</source>
        <translation>{start} 至 {finish}</translation>
    </message>
    <message>
        <source>from {start} (not finished)</source>
        <translation>自 {start} 起（未结束）</translation>
    </message>
    <message>
        <source>not known (not received from the server yet)</source>
        <translation>未知（尚未从服务器收到）</translation>
    </message>
    <message>
        <source>Taken (EXIF file time, DateTime)</source>
        <translation>拍摄时间（EXIF 文件时间 DateTime）</translation>
    </message>
    <message>
        <source>Taken (GPS, UTC)</source>
        <translation>拍摄时间（GPS，UTC）</translation>
    </message>
    <message>
        <source>Taken (XMP)</source>
        <translation>拍摄时间（XMP）</translation>
    </message>
    <message>
        <source>Recorded (the video or audio file&apos;s own time)</source>
        <translation>录制时间（视频/录音文件自带）</translation>
    </message>
    <message>
        <source>Taken (EXIF)</source>
        <translation>拍摄时间（EXIF 原文）</translation>
    </message>
</context>
<context>
    <name>import_assessment</name>
    <message>
        <source>ducha import assessment: no store in {folder}</source>
        <translation>ducha import assessment：{folder} 中没有数据库</translation>
    </message>
    <message>
        <source>ducha import assessment: only the office (reviewers, administrators) imports scores</source>
        <translation>ducha import assessment：只有督查办（审核员、管理员）可以导入考核得分</translation>
    </message>
    <message>
        <source>ducha import assessment: nothing imported from {file}:</source>
        <translation>ducha import assessment：未从 {file} 导入任何内容：</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>提示：{text}</translation>
    </message>
</context>
<context>
    <name>import_command</name>
    <message>
        <source>video {duration}, {width}×{height}, {codec}</source>
        <translation>视频 {duration}，{width}×{height}，{codec}</translation>
    </message>
    <message>
        <source>audio {duration}, {codec}</source>
        <translation>录音 {duration}，{codec}</translation>
    </message>
    <message>
        <source>photo {width}×{height}</source>
        <translation>照片 {width}×{height}</translation>
    </message>
    <message>
        <source>ducha import: no store in {folder}</source>
        <translation>ducha import：{folder} 中没有数据库</translation>
    </message>
    <message>
        <source>ducha import: no inspection {id}</source>
        <translation>ducha import：没有检查 {id}</translation>
    </message>
    <message>
        <source>ducha import: the inspection is submitted; its evidence no longer changes</source>
        <translation>ducha import：该检查已提交，其证据不能再更改</translation>
    </message>
    <message>
        <source>ducha import: the checklist has no item {code}</source>
        <translation>ducha import：检查表中没有条目 {code}</translation>
    </message>
    <message>
        <source>imported {imported}, already there {duplicates}, refused {refused}, skipped {skipped}, not saved {unsaved}</source>
        <translation>已导入 {imported}，已存在 {duplicates}，拒收 {refused}，跳过 {skipped}，未保存 {unsaved}</translation>
    </message>
</context>
<context>
    <name>inspections</name>
    <message>
        <source>Checklist {name} v{version} is retired: choose a current version</source>
        <translation>考核细则「{name}」v{version} 已停用，请选择现行版本</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The data is busy with other work: try again in a moment.</source>
        <translation>数据正被其他任务占用，请稍后再试。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Not allowed to read or write the file {name}.</source>
        <translation>没有权限读写文件 {name}。</translation>
    </message>
    <message>
        <source>The file {name} was not found.</source>
        <translation>找不到文件 {name}。</translation>
    </message>
    <message>
        <source>The file {name} could not be read or written.</source>
        <translation>文件 {name} 无法读写。</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>出现了问题，详细情况已记入日志文件。</translation>
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
        <source>Inspector</source>
        <translation>督查员</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
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
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Excellent (优秀)</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Good (良好)</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Pass (合格)</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail (不合格)</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Red flag (流动红旗)</source>
        <translation>流动红旗</translation>
    </message>
    <message>
        <source>Yellow flag (黄旗)</source>
        <translation>黄旗</translation>
    </message>
    <message>
        <source>Honour list (红榜)</source>
        <translation>红榜</translation>
    </message>
    <message>
        <source>Shame list (黑榜)</source>
        <translation>黑榜</translation>
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
    <message>
        <source>This was not recorded; the details are in the log file.</source>
        <translation>未能记录，详情见日志文件。</translation>
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
        <source>&apos;{kind}&apos; needs the name of who asked at the unit</source>
        <translation>“{kind}”需要填写单位提出人的姓名</translation>
    </message>
    <message>
        <source>The unit&apos;s earlier request for more time is not decided yet</source>
        <translation>该单位此前的延期申请尚未处理</translation>
    </message>
    <message>
        <source>A request for more time asks for a date after the due time</source>
        <translation>延期申请的日期须晚于当前整改期限</translation>
    </message>
    <message>
        <source>The unit&apos;s earlier dispute is not decided yet</source>
        <translation>该单位此前提出的异议尚未处理</translation>
    </message>
    <message>
        <source>There is no pending dispute to refuse</source>
        <translation>没有待处理的异议可驳回</translation>
    </message>
    <message>
        <source>A notice is transferred to another unit</source>
        <translation>改派须改派给另一单位</translation>
    </message>
    <message>
        <source>A transfer needs a new due time after the transfer</source>
        <translation>改派须设定晚于改派时间的新整改期限</translation>
    </message>
    <message>
        <source>An extension is granted before the due time; this notice is already overdue</source>
        <translation>延期须在整改期限前批准；此通知已逾期</translation>
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
    <name>loading</name>
    <message>
        <source>The image has too many pixels to be shown safely.</source>
        <translation>图像像素过多，无法安全显示。</translation>
    </message>
    <message>
        <source>The file is not an image that can be read.</source>
        <translation>该文件不是可读取的图像。</translation>
    </message>
    <message>
        <source>The image file is damaged or incomplete.</source>
        <translation>图像文件已损坏或不完整。</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>the server cannot be reached; check its address and the network.</source>
        <translation>无法连接服务器，请检查服务器地址和网络。</translation>
    </message>
    <message>
        <source>the server did not accept the login.</source>
        <translation>服务器未接受此次登录。</translation>
    </message>
    <message>
        <source>the server did not accept the new password; choose a longer one.</source>
        <translation>服务器不接受新密码；请设置更长的密码。</translation>
    </message>
    <message>
        <source>The server no longer accepts this laptop&apos;s login: log in again.</source>
        <translation>服务器不再接受本机的登录，请重新登录。</translation>
    </message>
    <message>
        <source>An administrator revoked this laptop&apos;s login: log in again.</source>
        <translation>管理员已撤销本机的登录，请重新登录。</translation>
    </message>
    <message>
        <source>An administrator released this laptop from your account: log in again, or ask the administrator which account it now belongs to.</source>
        <translation>管理员已将本机从您的账号解除绑定，请重新登录，或询问管理员本机现归哪个账号使用。</translation>
    </message>
    <message>
        <source>Your password was changed: log in again with the new password.</source>
        <translation>您的密码已更改，请用新密码重新登录。</translation>
    </message>
    <message>
        <source>An administrator changed your role: log in again.</source>
        <translation>管理员已更改您的角色，请重新登录。</translation>
    </message>
    <message>
        <source>An administrator changed the units you look after: log in again.</source>
        <translation>管理员已更改您负责的单位，请重新登录。</translation>
    </message>
    <message>
        <source>Your account is disabled: ask an administrator to enable it.</source>
        <translation>您的账号已被停用，请联系管理员启用。</translation>
    </message>
    <message>
        <source>This laptop was logged out: log in again.</source>
        <translation>本机已退出登录，请重新登录。</translation>
    </message>
    <message>
        <source>A newer login on this laptop replaced this one: log in again.</source>
        <translation>本机有一次更新的登录取代了这次登录，请重新登录。</translation>
    </message>
    <message>
        <source>This laptop&apos;s login was also used elsewhere, so the server revoked it to be safe: log in again, and tell an administrator.</source>
        <translation>本机的登录凭据在别处也被使用过，服务器为安全起见已将其撤销。请重新登录，并告知管理员。</translation>
    </message>
    <message>
        <source>This laptop has not synced for a long time and its login expired: log in again.</source>
        <translation>本机很久没有同步，登录已过期，请重新登录。</translation>
    </message>
    <message>
        <source>The saved login belongs to another laptop: log in again.</source>
        <translation>保存的登录属于另一台电脑，请重新登录。</translation>
    </message>
    <message>
        <source>This laptop is registered to another user: log in on your own laptop, or ask an administrator to release this one.</source>
        <translation>本机已登记给其他用户使用。请在您自己的电脑上登录，或请管理员解除本机的绑定。</translation>
    </message>
    <message>
        <source>The server revoked this login: log in again.</source>
        <translation>服务器已撤销此次登录，请重新登录。</translation>
    </message>
    <message>
        <source>This laptop is not logged in to the server: log in.</source>
        <translation>本机尚未登录服务器，请登录。</translation>
    </message>
    <message>
        <source>The login has expired: log in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
</context>
<context>
    <name>notice</name>
    <message>
        <source>Awaiting receipt</source>
        <translation>待签收</translation>
    </message>
    <message>
        <source>Being rectified</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Awaiting recheck</source>
        <translation>待复查</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工整改</translation>
    </message>
    <message>
        <source>Recheck passed</source>
        <translation>复查通过</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>下发</translation>
    </message>
    <message>
        <source>Received (签收)</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Rectification reported</source>
        <translation>已报整改</translation>
    </message>
    <message>
        <source>Recheck failed</source>
        <translation>复查未通过</translation>
    </message>
    <message>
        <source>Extension granted</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <source>Extension refused</source>
        <translation>不同意延期</translation>
    </message>
    <message>
        <source>Closed (销号)</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Extension asked (延期申请)</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Dispute (异议)</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Dispute refused (推诿)</source>
        <translation>驳回异议（推诿）</translation>
    </message>
    <message>
        <source>Transferred (改派)</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>dispute pending</source>
        <translation>异议待处理</translation>
    </message>
    <message>
        <source>extension asked</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{span} overdue</source>
        <translation>逾期 {span}</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>剩余 {span}</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>unfounded (推诿), refused</source>
        <translation>推诿，已驳回</translation>
    </message>
    <message>
        <source>settled by the transfer</source>
        <translation>已改派</translation>
    </message>
    <message>
        <source>went with the transfer</source>
        <translation>随改派失效</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Transferred (改派): {from_unit} → {to_unit}, due {due}; reason: {note}</source>
        <translation>改派：{from_unit} → {to_unit}，新整改期限 {due}，原因：{note}</translation>
    </message>
    <message>
        <source>Dispute by {unit} ({signer}): {note} — {outcome}</source>
        <translation>异议：{unit}（{signer}）：{note}（{outcome}）</translation>
    </message>
    <message>
        <source>Dispute refused: counts as 推诿 against {unit}; reason: {note}</source>
        <translation>驳回异议：计入{unit}推诿，理由：{note}</translation>
    </message>
    <message>
        <source>Extension asked by {unit} ({signer}) until {due}: {note} — {outcome}</source>
        <translation>延期申请：{unit}（{signer}）申请延期至 {due}，理由：{note}（{outcome}）</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <source>A rectification report needs the unit&apos;s description of the fix.</source>
        <translation>整改回执须填写责任单位的整改情况说明。</translation>
    </message>
    <message>
        <source>The inspection is no longer in this store.</source>
        <translation>该督查记录已不在本机数据中。</translation>
    </message>
    <message>
        <source>A notice is issued from a submitted inspection only.</source>
        <translation>只能根据已提交的督查记录下发整改通知。</translation>
    </message>
    <message>
        <source>Tick at least one problem.</source>
        <translation>请至少勾选一个问题。</translation>
    </message>
    <message>
        <source>Every finding on a notice must be a problem of its inspection.</source>
        <translation>通知中的每一项都必须是该次督查发现的问题。</translation>
    </message>
    <message>
        <source>The unit is no longer in this store.</source>
        <translation>该责任单位已不在本机数据中。</translation>
    </message>
    <message>
        <source>The due time must be after the issue time.</source>
        <translation>整改期限必须晚于下发时间。</translation>
    </message>
    <message>
        <source>The time given is before the notice&apos;s last recorded step: choose a later time.</source>
        <translation>所填时间早于该通知的上一步记录时间，请选择更晚的时间。</translation>
    </message>
    <message>
        <source>The notice is no longer in this store.</source>
        <translation>本机已没有这份整改通知。</translation>
    </message>
    <message>
        <source>Choose another unit than the one responsible now.</source>
        <translation>请选择当前责任单位以外的单位。</translation>
    </message>
    <message>
        <source>The due time must be after the transfer.</source>
        <translation>整改期限须晚于改派时间。</translation>
    </message>
</context>
<context>
    <name>org_import</name>
    <message>
        <source>ducha org import: refused, nothing was written ({n} problem(s)):</source>
        <translation>ducha org import：已拒绝，未写入任何数据（{n} 处问题）：</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>Set up {folder} without a server: {units} unit(s), {zones} zone(s), {people} person(s). This laptop&apos;s user: {name} ({role}).</source>
        <translation>已在 {folder} 建立无服务器的本机数据：单位 {units} 个，区域 {zones} 个，人员 {people} 名。本机用户：{name}（{role}）。</translation>
    </message>
    <message>
        <source>Checklist installed: {template}</source>
        <translation>已安装考核细则：{template}</translation>
    </message>
    <message>
        <source>The sheet&apos;s initial passwords are not kept on the laptop. When a server arrives: ducha org export, then ducha-server org adopt on the server.</source>
        <translation>表中的初始密码不会保存在本机。有服务器后：先运行 ducha org export，再在服务器上运行 ducha-server org adopt。</translation>
    </message>
    <message>
        <source>ducha org export: no store in {folder}</source>
        <translation>ducha org export：{folder} 中没有数据库</translation>
    </message>
    <message>
        <source>ducha org export: cannot write {file}: {error}</source>
        <translation>ducha org export：无法写入 {file}：{error}</translation>
    </message>
    <message>
        <source>{file}: {unit} unit(s), {zone} zone(s), {person} person(s), {template} template(s), {accounts} account(s). On the server: ducha-server org adopt {file}</source>
        <translation>{file}：单位 {unit} 个，区域 {zone} 个，人员 {person} 名，考核细则 {template} 个，账号 {accounts} 个。在服务器上运行：ducha-server org adopt {file}</translation>
    </message>
    <message>
        <source>{file}: a template is read from a .json file here (not a sheet)</source>
        <translation>{file}：这里的考核细则须为 .json 文件（不能是表格）</translation>
    </message>
    <message>
        <source>{file}: not a usable template ({n} problem(s)):</source>
        <translation>{file}：不是可用的考核细则（{n} 处问题）：</translation>
    </message>
    <message>
        <source>this store syncs with a server: its organisation comes from the server (use a new data folder for a laptop without a server)</source>
        <translation>此数据库已与服务器同步：组织架构来自服务器（无服务器使用请换一个新的数据文件夹）</translation>
    </message>
    <message>
        <source>this store already holds an organisation (the demo&apos;s, or one synced): use a new data folder</source>
        <translation>此数据库已有组织架构（演示数据或已同步的数据）：请使用新的数据文件夹</translation>
    </message>
    <message>
        <source>--user {user}: no such username in the users sheet (it has: {names})</source>
        <translation>--user {user}：用户表中没有这个用户名（表中有：{names}）</translation>
    </message>
</context>
<context>
    <name>originals</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>无法连接服务器。</translation>
    </message>
    <message>
        <source>Not logged in to the server.</source>
        <translation>未登录服务器。</translation>
    </message>
    <message>
        <source>problem {item} of the inspection of {zone} on {day}</source>
        <translation>{day} {zone} 督查的问题 {item}</translation>
    </message>
    <message>
        <source>the inspection of {zone} on {day}</source>
        <translation>{day} {zone} 的督查</translation>
    </message>
    <message>
        <source>the rectification report of notice {number}</source>
        <translation>整改通知 {number} 的整改回执</translation>
    </message>
    <message>
        <source>the recheck of notice {number}</source>
        <translation>整改通知 {number} 的复查</translation>
    </message>
    <message>
        <source>no record on this computer names it</source>
        <translation>本机没有引用它的记录</translation>
    </message>
    <message>
        <source>The server cannot be reached, and {n} original photo(s) this document needs are not on this computer. Nothing was written; connect to the server and export again.</source>
        <translation>无法连接服务器，而本文档所需的 {n} 张照片原件不在本机。未生成任何文件；请连接服务器后重新导出。</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer, and this computer is not logged in to a server to fetch them. Nothing was written; log in, then export again.</source>
        <translation>本文档所需的 {n} 张照片原件不在本机，且本机未登录服务器，无法下载。未生成任何文件；请登录后重新导出。</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer, and the server does not hold them. Nothing was written.</source>
        <translation>本文档所需的 {n} 张照片原件不在本机，服务器上也没有。未生成任何文件。</translation>
    </message>
    <message>
        <source>A file the server sent is not the original (its SHA-256 differs): it was refused. {n} original photo(s) are missing; nothing was written.</source>
        <translation>服务器发来的文件不是原件（SHA-256 不符），已拒收。缺少 {n} 张照片原件，未生成任何文件。</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs are not on this computer. Nothing was written.</source>
        <translation>本文档所需的 {n} 张照片原件不在本机。未生成任何文件。</translation>
    </message>
    <message>
        <source>{n} original photo(s) this document needs could not be fetched from the server. Nothing was written; the details are in the log file.</source>
        <translation>本文档所需的 {n} 张照片原件未能从服务器下载。未生成任何文件；详细信息见日志文件。</translation>
    </message>
    <message>
        <source>{name} ({owner})</source>
        <translation>{name}（{owner}）</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未生成任何文件。</translation>
    </message>
</context>
<context>
    <name>package</name>
    <message>
        <source>Export evidence package</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>ZIP archive (*.zip)</source>
        <translation>ZIP 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Writing the evidence package {name}…</source>
        <translation>正在生成证据包 {name}…</translation>
    </message>
    <message>
        <source>Evidence package saved and verified: {path}</source>
        <translation>证据包已保存并校验通过：{path}</translation>
    </message>
    <message>
        <source>The evidence package was not written: {error}</source>
        <translation>证据包未能生成：{error}</translation>
    </message>
    <message>
        <source>{n} photo original(s) are not on this computer, and no server login is available to fetch them: log in, then try again.</source>
        <translation>本机缺少 {n} 张照片原图，且未登录服务器，无法下载：请先登录，再重试。</translation>
    </message>
    <message>
        <source>Cancelled: no package was written.</source>
        <translation>已取消，未生成证据包。</translation>
    </message>
    <message>
        <source>The server cannot be reached to fetch the originals this computer lacks.</source>
        <translation>无法连接服务器，不能下载本机缺少的原图。</translation>
    </message>
    <message>
        <source>The login has expired or was refused: log in again, then try again.</source>
        <translation>登录已过期或被拒绝：请重新登录后再试。</translation>
    </message>
    <message>
        <source>A file the server sent is not the original (its SHA-256 differs): it was refused.</source>
        <translation>服务器发来的文件不是原图（SHA-256 不符），已拒收。</translation>
    </message>
    <message>
        <source>The server could not send the originals this computer lacks.</source>
        <translation>服务器未能发送本机缺少的原图。</translation>
    </message>
    <message>
        <source>The evidence on this computer is incomplete or damaged ({detail}).</source>
        <translation>本机上的证据不完整或已损坏（{detail}）。</translation>
    </message>
</context>
<context>
    <name>periods</name>
    <message>
        <source>Q{n} {year}</source>
        <translation>{year}年第{n}季度</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>{name}: not a regular file (a pipe, device or folder); skipped</source>
        <translation>{name}：不是普通文件（管道、设备或文件夹），已跳过</translation>
    </message>
    <message>
        <source>{name}: the disk is full</source>
        <translation>{name}：磁盘已满</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (it is not there)</source>
        <translation>{name}：无法读取文件（文件不存在）</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (no permission)</source>
        <translation>{name}：无法读取文件（没有权限）</translation>
    </message>
    <message>
        <source>{name}: the file cannot be read (the disk or card reported an error)</source>
        <translation>{name}：无法读取文件（磁盘或存储卡报告错误）</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (a folder is gone)</source>
        <translation>{name}：无法保存文件（文件夹已不存在）</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (no permission)</source>
        <translation>{name}：无法保存文件（没有权限）</translation>
    </message>
    <message>
        <source>{name}: the file cannot be stored (the disk reported an error)</source>
        <translation>{name}：无法保存文件（磁盘报告错误）</translation>
    </message>
    <message>
        <source>{name}: the file is larger than {limit} MB</source>
        <translation>{name}：文件超过 {limit} MB</translation>
    </message>
    <message>
        <source>{name}: the recording is larger than the office&apos;s limit of {limit} MB (ask the office to raise it, or trim the recording)</source>
        <translation>{name}：录像/录音超过办公室规定的 {limit} MB 上限（请办公室调高上限，或剪短后再导入）</translation>
    </message>
    <message>
        <source>{name}: could not be imported (the details are in the log)</source>
        <translation>{name}：无法导入（详细信息见日志）</translation>
    </message>
    <message>
        <source>{name}: could not be saved just now (the store was busy or could not be written); the photo is kept: import it again</source>
        <translation>{name}：暂时无法保存（数据库正忙或无法写入）；照片已保留，请重新导入</translation>
    </message>
    <message>
        <source>{name}: the file gave nothing for {seconds} seconds; skipped</source>
        <translation>{name}：文件 {seconds} 秒内无法读取，已跳过</translation>
    </message>
    <message>
        <source>{name}: the inspection was submitted or removed; nothing more is added</source>
        <translation>{name}：该督查已提交或已删除，不再添加照片</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}：文件为空</translation>
    </message>
    <message>
        <source>{name}: not an image file, or damaged beyond reading</source>
        <translation>{name}：不是图像文件，或已损坏无法读取</translation>
    </message>
    <message>
        <source>{name}: {format} images are not supported (only JPEG, PNG, TIFF or HEIC)</source>
        <translation>{name}：不支持 {format} 格式（仅支持 JPEG、PNG、TIFF、HEIC）</translation>
    </message>
    <message>
        <source>{name}: the file is truncated or damaged</source>
        <translation>{name}：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>{name}: the image is too large to open safely</source>
        <translation>{name}：图像尺寸过大，无法安全打开</translation>
    </message>
    <message>
        <source>The inspection or its item no longer takes photos (submitted or removed).</source>
        <translation>该检查或检查项已不能再添加照片（已提交或已删除）。</translation>
    </message>
    <message>
        <source>{name}: the recording is truncated or damaged and cannot be played</source>
        <translation>{name}：录像/录音不完整或已损坏，无法播放</translation>
    </message>
    <message>
        <source>{name}: not a video or audio recording, or damaged beyond reading</source>
        <translation>{name}：不是视频或录音文件，或已损坏无法读取</translation>
    </message>
    <message>
        <source>{name}: the file holds no picture or sound that can be played</source>
        <translation>{name}：文件中没有可播放的画面或声音</translation>
    </message>
</context>
<context>
    <name>plans</name>
    <message>
        <source>A plan for {period} was drawn already: one plan per period.</source>
        <translation>{period} 的计划已抽取：每个期间只有一份计划。</translation>
    </message>
    <message>
        <source>{period} has not ended yet: its seed is revealed after its last day.</source>
        <translation>{period} 尚未结束：种子在期间最后一天之后公布。</translation>
    </message>
    <message>
        <source>The server has no plan for {period}.</source>
        <translation>服务器上没有 {period} 的计划。</translation>
    </message>
    <message>
        <source>An account in a team is unknown to the server or disabled.</source>
        <translation>检查组中有账号在服务器上不存在或已停用。</translation>
    </message>
    <message>
        <source>The unit chosen is not known to the server.</source>
        <translation>服务器上没有所选单位。</translation>
    </message>
    <message>
        <source>The server has no inspection template.</source>
        <translation>服务器上没有检查模板。</translation>
    </message>
    <message>
        <source>No active zone is in the zones chosen.</source>
        <translation>所选范围内没有在用的片区。</translation>
    </message>
    <message>
        <source>{period} is not a period: a month such as 2027-01 or an ISO week such as 2027-W02.</source>
        <translation>{period} 不是有效期间：应为月份（如 2027-01）或 ISO 周（如 2027-W02）。</translation>
    </message>
    <message>
        <source>No plan keeps every rule with these inputs: add visits or teams, or choose fewer zones.</source>
        <translation>按这些条件无法抽出满足全部规则的计划：请增加检查次数或检查组，或减少片区。</translation>
    </message>
    <message>
        <source>Only admins draw plans and reveal their seeds.</source>
        <translation>只有管理员可以抽取计划和公布种子。</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>The change is incomplete or malformed: a field is missing or out of range.</source>
        <translation>这项更改不完整或格式有误：缺少字段或数值超出范围。</translation>
    </message>
    <message>
        <source>Your role or units do not allow this change, or you are not on this record.</source>
        <translation>您的角色或负责单位不允许这项更改，或您不在这条记录的人员中。</translation>
    </message>
    <message>
        <source>The change names a record the server does not hold or you may not see (a zone, unit, template or person): sync again, or ask an administrator.</source>
        <translation>这项更改引用了服务器上没有或您无权查看的记录（区域、单位、模板或人员）：请再同步一次，或联系管理员。</translation>
    </message>
    <message>
        <source>This step does not follow from the record&apos;s current state.</source>
        <translation>这一步与记录当前的状态不符。</translation>
    </message>
    <message>
        <source>The record is submitted or closed: it no longer changes.</source>
        <translation>记录已提交或已办结，不能再修改。</translation>
    </message>
    <message>
        <source>The notice is closed (销号): it no longer changes.</source>
        <translation>通知书已销号，不能再修改。</translation>
    </message>
    <message>
        <source>This kind of record is only ever added: it is never changed or deleted.</source>
        <translation>这类记录只能新增，不能修改或删除。</translation>
    </message>
    <message>
        <source>The change names another person as its author than the one logged in.</source>
        <translation>这项更改记录的作者不是当前登录的人员。</translation>
    </message>
    <message>
        <source>The photo&apos;s file has not reached the server yet: sync again.</source>
        <translation>照片文件尚未上传到服务器：请再同步一次。</translation>
    </message>
    <message>
        <source>The notice number is not one reserved for this laptop.</source>
        <translation>通知书编号不是为本机预留的号段。</translation>
    </message>
    <message>
        <source>The submitted inspection differs from what the server holds of it: it was opened again to check and submit once more.</source>
        <translation>提交的督查记录与服务器保存的不一致：已重新打开，请核对后再次提交。</translation>
    </message>
    <message>
        <source>Another case already holds this ticket number (工单号).</source>
        <translation>已有其他案件使用了这个工单号。</translation>
    </message>
    <message>
        <source>The zone (or its unit) was retired: a new inspection uses a zone still in use.</source>
        <translation>该区域（或其所属单位）已停用：新建督查请选择仍在使用的区域。</translation>
    </message>
    <message>
        <source>The template version was retired: a new inspection uses a current one, and a retired version stays retired.</source>
        <translation>该模板版本已停用：新建督查请使用当前版本，已停用的版本不能恢复。</translation>
    </message>
    <message>
        <source>A published template version never changes its items: publish a new version.</source>
        <translation>已发布的模板版本不能修改细则：请发布新版本。</translation>
    </message>
    <message>
        <source>Records were made in this zone: it stays in its unit. Retire it and add a zone to the other unit.</source>
        <translation>该区域已有记录，不能改属其他单位。请停用该区域，并在另一单位新增区域。</translation>
    </message>
    <message>
        <source>The unit still has zones in use: retire them or move them first.</source>
        <translation>该单位仍有在用的区域：请先停用或移出这些区域。</translation>
    </message>
    <message>
        <source>The unit is retired: a zone is added to or brought back in a unit in use.</source>
        <translation>该单位已停用：只能在使用中的单位新增或恢复区域。</translation>
    </message>
    <message>
        <source>The server does not hold the unit named.</source>
        <translation>服务器上没有所指的单位。</translation>
    </message>
    <message>
        <source>The batch holds more changes than the server takes at once.</source>
        <translation>这批修改超出了服务器一次能接收的数量。</translation>
    </message>
</context>
<context>
    <name>remote</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>无法连接服务器。</translation>
    </message>
    <message>
        <source>Not logged in to the server.</source>
        <translation>尚未登录服务器。</translation>
    </message>
    <message>
        <source>The server does not hold this original.</source>
        <translation>服务器上没有这张原图。</translation>
    </message>
    <message>
        <source>The file the server sent is not the original: it was refused.</source>
        <translation>服务器发来的文件不是原图，已拒收。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The server could not send it.</source>
        <translation>服务器未能发送。</translation>
    </message>
</context>
<context>
    <name>reviews</name>
    <message>
        <source>Unknown review decision.</source>
        <translation>未知的审核结论。</translation>
    </message>
    <message>
        <source>A returned inspection needs a comment saying what to correct.</source>
        <translation>退回时须填写意见，说明需要更正的内容。</translation>
    </message>
    <message>
        <source>The inspection is no longer in this store.</source>
        <translation>该督查记录已不在本机数据中。</translation>
    </message>
    <message>
        <source>Only a submitted inspection can be reviewed.</source>
        <translation>只能审核已提交的督查记录。</translation>
    </message>
    <message>
        <source>This version has been corrected: review the newest version.</source>
        <translation>此版本已被更正，请审核最新版本。</translation>
    </message>
    <message>
        <source>A review cannot be dated before the inspection&apos;s last review.</source>
        <translation>审核时间不能早于该督查记录的上一次审核。</translation>
    </message>
</context>
<context>
    <name>score_import</name>
    <message>
        <source>Row {row}, column {column}</source>
        <translation>第{row}行 {column} 列</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}, column {column}</source>
        <translation>工作表「{sheet}」第{row}行 {column} 列</translation>
    </message>
    <message>
        <source>The file has no column 得分 or {name}.</source>
        <translation>文件中没有“得分”列或“{name}”列。</translation>
    </message>
    <message>
        <source>The file has one column 得分: say which component it scores (第三方评估, 民调, 专项工作 or 专业检查).</source>
        <translation>文件只有一列“得分”：请指明它是哪个分项（第三方评估、民调、专项工作或专业检查）。</translation>
    </message>
    <message>
        <source>The file has no score column: 得分, or one named 第三方评估, 民调, 专项工作 or 专业检查.</source>
        <translation>文件中没有得分列：应有“得分”列，或名为 第三方评估、民调、专项工作、专业检查 的列。</translation>
    </message>
    <message>
        <source>{name} is not a component of the office&apos;s composite assessment (单位设置 → 综合考核).</source>
        <translation>{name} 不是本单位综合考核的分项（单位设置 → 综合考核）。</translation>
    </message>
    <message>
        <source>{period} is not a quarter (e.g. 2026-Q3) or a year (2026).</source>
        <translation>{period} 不是季度（如 2026-Q3）或年度（如 2026）。</translation>
    </message>
    <message>
        <source>{name} is not an imported component: 第三方评估 (third_party), 民调 (survey), 专项工作 (special) or 专业检查 (professional).</source>
        <translation>{name} 不是导入的考核分项：应为 第三方评估（third_party）、民调（survey）、专项工作（special）或 专业检查（professional）。</translation>
    </message>
    <message>
        <source>{file} cannot be read.</source>
        <translation>无法读取 {file}。</translation>
    </message>
    <message>
        <source>{file} has no column 单位 (the unit&apos;s name) in its first rows.</source>
        <translation>{file} 的前几行中没有“单位”列（单位名称）。</translation>
    </message>
    <message>
        <source>{where}: no unit named.</source>
        <translation>{where}：未填写单位名称。</translation>
    </message>
    <message>
        <source>{where}: no unit is named {name}.</source>
        <translation>{where}：没有名为“{name}”的单位。</translation>
    </message>
    <message>
        <source>{where}: {name} is listed twice (first on row {first}).</source>
        <translation>{where}：“{name}”重复列出（首次在第{first}行）。</translation>
    </message>
    <message>
        <source>{where}: &apos;{value}&apos; is not a number.</source>
        <translation>{where}：&apos;{value}&apos; 不是数字。</translation>
    </message>
    <message>
        <source>{where}: {value} is outside 0 to {full} (full marks).</source>
        <translation>{where}：{value} 超出 0 至 {full}（满分）的范围。</translation>
    </message>
    <message>
        <source>{file} scores no unit.</source>
        <translation>{file} 没有任何单位的得分。</translation>
    </message>
    <message>
        <source>{name}: {count} units are not scored by this file and stay missing: {units}</source>
        <translation>{name}：本文件未给出 {count} 个单位的得分，这些单位该分项仍缺失：{units}</translation>
    </message>
    <message>
        <source>{file} is too large for a score sheet.</source>
        <translation>{file} 太大，不是一份得分表。</translation>
    </message>
    <message>
        <source>{file} is neither UTF-8, GBK nor UTF-16 text: save it again as CSV UTF-8.</source>
        <translation>{file} 不是 UTF-8、GBK 或 UTF-16 编码的文本：请另存为“CSV UTF-8”。</translation>
    </message>
    <message>
        <source>{file} is not an .xlsx workbook.</source>
        <translation>{file} 不是 .xlsx 工作簿。</translation>
    </message>
    <message>
        <source>{file} is an old .xls workbook: save it again as .xlsx or CSV.</source>
        <translation>{file} 是旧版 .xls 工作簿：请另存为 .xlsx 或 CSV 后再导入。</translation>
    </message>
    <message>
        <source>{file} has a password: remove it in Excel or WPS and save the workbook again.</source>
        <translation>{file} 设有打开密码：请在 Excel 或 WPS 中取消密码后重新保存。</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} 是空文件。</translation>
    </message>
    <message>
        <source>{file} is not there.</source>
        <translation>{file} 不存在。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a file.</source>
        <translation>{file} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>{file} is not a regular file (a pipe or a device).</source>
        <translation>{file} 不是普通文件（管道或设备）。</translation>
    </message>
    <message>
        <source>{file} cannot be read: no permission.</source>
        <translation>{file} 无法读取：没有读取权限。</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>{file} 无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{where}: the cell is longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote &quot; joins the lines after it into one cell).</source>
        <translation>{where}：单元格超过 {cell} 个字符，单元格最多只能容纳这么多（CSV 文件中多出的一个引号 &quot; 会把其后的行并进这一格）。</translation>
    </message>
    <message>
        <source>{where}: the quote &quot; that opens the cell is never closed: the {reason} line(s) after it were read into the cell.</source>
        <translation>{where}：这一格开头的引号 &quot; 没有结束引号：其后 {reason} 行都被读进了这一格。</translation>
    </message>
    <message>
        <source>{where}: the cell holds a control character ({reason}) that cannot be kept: delete it and import again.</source>
        <translation>{where}：单元格含有无法保存的控制字符（{reason}）：请删去后重新导入。</translation>
    </message>
    <message>
        <source>{where}: the formula has no saved value: open the file in Excel or WPS and save it.</source>
        <translation>{where}：公式没有保存的计算结果：请用 Excel 或 WPS 打开文件并保存。</translation>
    </message>
    <message>
        <source>{file}: only .xlsx, .csv and .txt files are read.</source>
        <translation>{file}：只能读取 .xlsx、.csv 和 .txt 文件。</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}, row {row}, column {column}</source>
        <translation>{file} 工作表「{sheet}」第{row}行 {column} 列</translation>
    </message>
    <message>
        <source>{file}, row {row}, column {column}</source>
        <translation>{file} 第{row}行 {column} 列</translation>
    </message>
    <message>
        <source>{name} {period}: {count} units imported from {file}</source>
        <translation>{name} {period}：已从 {file} 导入 {count} 个单位的得分</translation>
    </message>
    <message>
        <source>  replacing the import of {time} from {file} (kept in its history)</source>
        <translation>  替换 {time} 从 {file} 导入的得分（保留在导入记录中）</translation>
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
    <message>
        <source>Ducha could not start. The details were written to the log in {path}.</source>
        <translation>督查无法启动。详细情况已写入日志：{path}</translation>
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
    <name>sync</name>
    <message>
        <source>The server cannot be reached; the work waits and goes out at the next sync.</source>
        <translation>无法连接服务器；数据已保留在本机，下次同步时发送。</translation>
    </message>
    <message>
        <source>The server did not answer in time; the work waits and goes out at the next sync.</source>
        <translation>服务器未及时响应；数据已保留在本机，下次同步时发送。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: check the server address and its certificate in the settings.</source>
        <translation>服务器证书不受信任：请在设置中检查服务器地址及其证书。</translation>
    </message>
    <message>
        <source>The server is busy or being restarted and did not take the work after several tries; it waits and goes out at the next sync.</source>
        <translation>服务器繁忙或正在重启，多次重试后仍未接收；数据已保留在本机，下次同步时发送。</translation>
    </message>
    <message>
        <source>The server had a problem and did not take the work; it waits and goes out at the next sync. Tell the office if this stays.</source>
        <translation>服务器出现故障，未能接收数据；数据已保留在本机，下次同步时发送。如持续出现，请告知办公室。</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read; nothing was marked sent and the work goes out at the next sync. Tell the office if this stays.</source>
        <translation>无法读取服务器的答复；没有任何数据被标记为已发送，下次同步时重新发送。如持续出现，请告知办公室。</translation>
    </message>
    <message>
        <source>The server refused the request; the work stays on this laptop. The details say why; tell the office if this stays.</source>
        <translation>服务器拒绝了这次请求，工作仍保存在本机。原因见“详细信息”；如果一直出现，请告知督查办。</translation>
    </message>
    <message>
        <source>The server refused the request as larger than it accepts; the work stays on this laptop. Tell the office.</source>
        <translation>请求超出服务器允许的大小，服务器未接收，工作仍保存在本机。请告知督查办。</translation>
    </message>
    <message>
        <source>The server refused the request: this account may not do it (its role or units); the work stays on this laptop.</source>
        <translation>服务器拒绝了这次请求：此账号无权执行（角色或所辖单位不符），工作仍保存在本机。</translation>
    </message>
    <message>
        <source>The server did not accept what this laptop sent: this version of Ducha may not match the server&apos;s. The work stays on this laptop; update Ducha or tell the office.</source>
        <translation>服务器未接受本机发送的内容：本机的督查软件版本可能与服务器不一致。工作仍保存在本机；请更新软件或告知督查办。</translation>
    </message>
    <message>
        <source>The login has expired or is not valid: log in again.</source>
        <translation>登录已失效或无效，请重新登录。</translation>
    </message>
    <message>
        <source>Not logged in to a server: log in first.</source>
        <translation>尚未登录服务器，请先登录。</translation>
    </message>
    <message>
        <source>Wrong user name or password for {user}.</source>
        <translation>{user}：用户名或密码错误。</translation>
    </message>
    <message>
        <source>Photo {name}: the server found its bytes differ from the original&apos;s fingerprint; the copy on this laptop may be damaged. Nothing after it was sent.</source>
        <translation>照片 {name}：服务器发现其内容与原图指纹不符，本机的副本可能已损坏。其后的内容均未发送。</translation>
    </message>
    <message>
        <source>Photo {name}: its original file is missing from this laptop, so it cannot be sent; nothing after it was sent either.</source>
        <translation>照片 {name}：本机缺少其原图文件，无法发送；其后的内容也未发送。</translation>
    </message>
    <message>
        <source>Sync cancelled; what was not sent waits for the next sync.</source>
        <translation>同步已取消；未发送的数据将在下次同步时发送。</translation>
    </message>
    <message>
        <source>The sync stopped; the details are in the log file.</source>
        <translation>同步已中止，详细信息见日志文件。</translation>
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
        <source>Item {item}: the weight (分值) must be a number above 0</source>
        <translation>项目 {item}：分值须为大于 0 的数</translation>
    </message>
    <message>
        <source>Item {item}: deduction per case {per_case} exceeds the cap {cap}</source>
        <translation>项目 {item}：每处扣分 {per_case} 超过上限 {cap}</translation>
    </message>
    <message>
        <source>Item {item}: the cap {cap} exceeds the item&apos;s weight {weight}</source>
        <translation>项目 {item}：扣分上限 {cap} 超过该项分值 {weight}</translation>
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
        <source>Item {item}: the weight {weight} exceeds the full score {full_score}</source>
        <translation>项目 {item}：分值 {weight} 超过满分 {full_score}</translation>
    </message>
    <message>
        <source>Category {category}: the cap {cap} exceeds the full score {full_score}</source>
        <translation>分类 {category}：封顶 {cap} 超过满分 {full_score}</translation>
    </message>
    <message>
        <source>Category {category}: the cap {cap} exceeds the {weight} points its items carry together</source>
        <translation>分类 {category}：封顶 {cap} 超过本类各项分值之和 {weight}</translation>
    </message>
    <message>
        <source>Every category has a cap: the caps add up to {total}, not the full score {full_score}</source>
        <translation>各分类均设封顶：封顶合计 {total}，与满分 {full_score} 不符</translation>
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
        <source>Category {category}: the cap must be a number above 0</source>
        <translation>分类 {category}：封顶须为大于 0 的数</translation>
    </message>
    <message>
        <source>The template has no items</source>
        <translation>考核细则没有项目</translation>
    </message>
</context>
<context>
    <name>template_file</name>
    <message>
        <source>File {file}: too large for a template</source>
        <translation>文件「{file}」：作为模板过大</translation>
    </message>
    <message>
        <source>File {file}: the text is neither UTF-8 nor GBK; save it as UTF-8</source>
        <translation>文件「{file}」：文本编码既非 UTF-8 也非 GBK，请另存为 UTF-8</translation>
    </message>
    <message>
        <source>File {file}: not a readable .xlsx workbook (damaged, or another format)</source>
        <translation>文件「{file}」：不是可读取的 .xlsx 工作簿（已损坏或为其他格式）</translation>
    </message>
    <message>
        <source>File {file}: an old .xls/.et workbook; save it as .xlsx first</source>
        <translation>文件「{file}」：为旧版 .xls/.et 工作簿，请先另存为 .xlsx</translation>
    </message>
    <message>
        <source>File {file}: not a template file (.xlsx, .csv or .json)</source>
        <translation>文件「{file}」：不是模板文件（.xlsx、.csv 或 .json）</translation>
    </message>
    <message>
        <source>File {file}: protected by a password; save it without one</source>
        <translation>文件「{file}」设有密码：请另存为不带密码的文件</translation>
    </message>
    <message>
        <source>File {file}: nothing in it</source>
        <translation>文件「{file}」是空的</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: no such file</source>
        <translation>文件「{file}」无法读取：文件不存在</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: it is a folder</source>
        <translation>文件「{file}」无法读取：这是一个文件夹</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: not a regular file</source>
        <translation>文件「{file}」无法读取：不是普通文件</translation>
    </message>
    <message>
        <source>File {file}: cannot be read: no permission</source>
        <translation>文件「{file}」无法读取：没有读取权限</translation>
    </message>
    <message>
        <source>File {file}: cannot be read ({reason})</source>
        <translation>文件「{file}」：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a formula without a saved value; open the file in Excel or WPS, save it and import it again</source>
        <translation>文件「{file}」工作表「{sheet}」第 {row} 行「{column}」列：公式没有保存的计算结果；请用 Excel 或 WPS 打开并保存后再导入</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a cell too long (a quote left open?)</source>
        <translation>文件「{file}」工作表「{sheet}」第 {row} 行「{column}」列：单元格内容过长（是否有未闭合的引号？）</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a quote opened and never closed</source>
        <translation>文件「{file}」工作表「{sheet}」第 {row} 行「{column}」列：引号未闭合</translation>
    </message>
    <message>
        <source>File {file}, sheet {sheet}, row {row}, column {column}: a control character {reason}</source>
        <translation>文件「{file}」工作表「{sheet}」第 {row} 行「{column}」列：含有控制字符 {reason}</translation>
    </message>
    <message>
        <source>File {file}: not valid JSON at line {line}, column {col}</source>
        <translation>文件「{file}」：第 {line} 行第 {col} 列处不是有效的 JSON</translation>
    </message>
    <message>
        <source>File {file}: nested too deeply</source>
        <translation>文件「{file}」：嵌套层级过深</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: {value!r} is not one of {choices}</source>
        <translation>项目 {item}（第 {row} 行），列「{column}」：{value!r} 不是可选值之一（{choices}）</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: empty (a formula without a saved value reads as empty)</source>
        <translation>项目 {item}（第 {row} 行），列「{column}」：为空（未保存计算结果的公式读作空）</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: {value!r} is not a number</source>
        <translation>项目 {item}（第 {row} 行），列「{column}」：{value!r} 不是数字</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: empty; an item needs its weight (分值) or its cap (单项上限)</source>
        <translation>项目 {item}（第 {row} 行），列「{column}」：为空；每项须有分值或单项上限</translation>
    </message>
    <message>
        <source>Row {row}, {field}: {value!r} is not a number</source>
        <translation>第 {row} 行「{field}」：{value!r} 不是数字</translation>
    </message>
    <message>
        <source>Row {row}, {field}: {value!r} is not a whole number</source>
        <translation>第 {row} 行「{field}」：{value!r} 不是整数</translation>
    </message>
    <message>
        <source>No sheet of items found: a header row naming at least 编码/code and 问题/text is needed (sheet 细则/items)</source>
        <translation>未找到细则表：需要一行表头，至少含「编码」和「问题」两列（工作表「细则」）</translation>
    </message>
    <message>
        <source>Sheet {sheet}: column {column} is missing (row {row})</source>
        <translation>工作表「{sheet}」：缺少列「{column}」（表头在第 {row} 行）</translation>
    </message>
    <message>
        <source>Sheet {sheet}: a column 分值/weight or 单项上限/max_deduction is needed</source>
        <translation>工作表「{sheet}」：须有「分值」或「单项上限」列</translation>
    </message>
    <message>
        <source>Item {item} (row {row}), column {column}: the code is already used in row {first}</source>
        <translation>项目 {item}（第 {row} 行），列「{column}」：编码已在第 {first} 行使用</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}: category {category} has no items</source>
        <translation>工作表「{sheet}」第 {row} 行：分类「{category}」没有检查项</translation>
    </message>
    <message>
        <source>Category {category} (row {row}), column {column}: {value!r} is not a number</source>
        <translation>分类「{category}」（第 {row} 行），列「{column}」：{value!r} 不是数字</translation>
    </message>
</context>
<context>
    <name>uncaught</name>
    <message>
        <source>Something went wrong in Ducha. Your work up to now is saved.</source>
        <translation>程序出了问题。到目前为止的工作都已保存。</translation>
    </message>
    <message>
        <source>The details were written to the log file {path}. If this happens again, send that file to whoever looks after Ducha for your office.</source>
        <translation>详细情况已写入日志文件 {path}。如果再次出现，请把这个文件发给本单位负责维护督查的人员。</translation>
    </message>
    <message>
        <source>Ducha: an error</source>
        <translation>督查：出错了</translation>
    </message>
</context>
<context>
    <name>updates</name>
    <message>
        <source>ducha update: no store in {folder}</source>
        <translation>ducha update：{folder} 中没有数据</translation>
    </message>
    <message>
        <source>ducha update: this laptop is not logged in to a server</source>
        <translation>ducha update：本机尚未登录服务器</translation>
    </message>
    <message>
        <source>No updates are offered for this operating system.</source>
        <translation>本操作系统没有可用的更新。</translation>
    </message>
    <message>
        <source>Up to date: the server offers no newer version.</source>
        <translation>已是最新版本：服务器没有提供更新的版本。</translation>
    </message>
    <message>
        <source>New version {version} available: {file}, {size} bytes.</source>
        <translation>有新版本 {version} 可用：{file}，{size} 字节。</translation>
    </message>
    <message>
        <source>Downloaded and verified (size, SHA-256, signature): {path}</source>
        <translation>已下载并校验通过（大小、SHA-256、签名）：{path}</translation>
    </message>
    <message>
        <source>ducha update: {why}</source>
        <translation>ducha update（更新）：{why}</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its size is not the size that was signed.</source>
        <translation>安装包校验失败：{file}：文件大小与签名时的大小不符。</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its SHA-256 is not the one that was signed.</source>
        <translation>安装包校验失败：{file}：SHA-256 与签名时的不符。</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: its signature does not match.</source>
        <translation>安装包校验失败：{file}：签名不匹配。</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: it is signed with a key this program does not trust.</source>
        <translation>安装包校验失败：{file}：签名所用的密钥不受本程序信任。</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: it is not an installer for this computer.</source>
        <translation>安装包校验失败：{file}：不是适用于本机的安装包。</translation>
    </message>
    <message>
        <source>Installer check failed: {file}: the server sent more than the signed size.</source>
        <translation>安装包校验失败：{file}：服务器发送的数据超出签名时的大小。</translation>
    </message>
    <message>
        <source>No update is on offer: sync first.</source>
        <translation>暂无可用更新：请先同步。</translation>
    </message>
</context>
<context>
    <name>watermark</name>
    <message>
        <source>Taken {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <source>No camera time · imported {time}</source>
        <translation>无拍摄时间 · 导入于 {time}</translation>
    </message>
    <message>
        <source>GPS {lat:.6f}, {lon:.6f}</source>
        <translation>定位 {lat:.6f}, {lon:.6f}</translation>
    </message>
    <message>
        <source>No GPS position</source>
        <translation>无定位信息</translation>
    </message>
    <message>
        <source>{zone} · {unit}</source>
        <translation>{zone} · {unit}</translation>
    </message>
    <message>
        <source>Inspectors: {names}</source>
        <translation>督查人员：{names}</translation>
    </message>
</context>
</TS>
