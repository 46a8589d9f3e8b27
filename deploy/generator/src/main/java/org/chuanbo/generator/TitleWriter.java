package org.chuanbo.generator;

import static org.chuanbo.generator.HezhouVocabulary.LANDMARKS;
import static org.chuanbo.generator.HezhouVocabulary.PRODUCE;
import static org.chuanbo.generator.HezhouVocabulary.SHORT_NAMES;
import static org.chuanbo.generator.HezhouVocabulary.VILLAGES;
import static org.chuanbo.generator.HezhouVocabulary.person;
import static org.chuanbo.generator.HezhouVocabulary.town;

import java.util.List;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.Office;

/**
 * Writes believable titles in the house style of 贺州先锋: the column, a full-width bar, the person or
 * place, a colon, the story. Also writes the wrong first version of a title that is corrected later
 * (a typo, or an ASCII colon where the style wants a full-width one).
 */
final class TitleWriter {

  private static final List<String> MEMBER_STORIES =
      List.of(
          "扎根瑶乡{n}年的乡村教师",
          "守护{landmark}山林的护林员",
          "“板凳会”上解民忧",
          "瑶山里的“背包医生”",
          "退役不褪色，带领乡亲种{produce}",
          "村里的“红色管家”",
          "把党课讲到田间地头",
          "{n}年坚守，只为一村灯火",
          "带领群众脱贫致富的“领头雁”",
          "一名老党员的初心与坚守");

  private static final List<String> VIRTUES =
      List.of("一身正气守初心", "清白做人 干净做事", "把群众的事当自家事", "廉洁奉公{n}载", "纪律严明 作风过硬", "甘当群众的“服务员”");

  private static final List<String> POVERTY_RELIEF_EPISODES =
      List.of(
          "大桂山下的脐橙园",
          "瑶家新居",
          "姑婆山的守望",
          "黄姚的茶香",
          "一条路改变一个村",
          "十八水畔养蜂人",
          "路花村的春天",
          "岔山村的新变化",
          "贺江边的渔家乐",
          "油茶林里的希望");

  private static final List<String> COLLECTIVE_INDUSTRIES =
      List.of("光伏发电", "{produce}种植基地", "乡村旅游", "农产品电商", "标准化厂房出租", "土地流转", "生态养殖");

  private static final List<String> TV_TOPICS =
      List.of(
          "{town}：党建引领乡村振兴",
          "{office}“党员教育提升年”活动纪实",
          "瑶乡党建新气象",
          "“三会一课”进农家",
          "{landmark}：红色文化润初心",
          "党员志愿服务在{town}",
          "{village}的“党员责任区”",
          "小支部 大作为——{town}{village}党支部");

  private static final List<String> RADIO_TOPICS =
      List.of(
          "{person}：我的入党故事",
          "听，{town}的党员在讲党课",
          "乡村振兴一线的声音：{town}",
          "{landmark}的红色记忆",
          "党员的一天：{town}{village}");

  private static final List<String> WEBSITE_EVENTS =
      List.of("主题党日活动", "党员冬训", "党群服务中心新貌", "“红色物业”进小区", "党员志愿服务", "重温入党誓词");

  private static final List<String> COURSE_KINDS = List.of("微党课", "专题辅导", "实用技术", "党员电教片");

  private static final List<String> COURSES =
      List.of(
          "学习党章 坚定理想信念",
          "如何开好组织生活会",
          "“三会一课”制度解读",
          "{produce}种植管理技术",
          "{produce}病虫害防治",
          "农村电商入门",
          "发展壮大村级集体经济的路径",
          "党员先锋模范作用怎样发挥",
          "基层党支部工作规范化建设");

  private static final List<String> NEWS_ITEMS =
      List.of(
          "{town}召开基层党建工作推进会",
          "“党员教育提升年”活动扎实推进",
          "全面推行村级党组织星级化管理",
          "{n}名第一书记集中培训",
          "开展“不忘初心”主题党日活动",
          "党员志愿服务队走进{village}",
          "{town}党群服务中心投入使用",
          "举办党务工作者业务培训班",
          "党建引领{produce}产业助农增收",
          "部署开展软弱涣散村党组织整顿",
          "{town}党员冬训掀热潮",
          "{town}{village}党支部：{n}名党员认领群众“微心愿”",
          "举办{produce}产业党员技能培训班",
          "{town}“党员先锋岗”亮身份、作表率",
          "{n}个村级党组织开展“评星定级”",
          "{town}组织党员重温入党誓词",
          "开展“我为群众办实事”实践活动");

  /** Wrong words in a first version and their correction (错别字 an editor fixes). */
  private static final String[][] TYPOS = {
    {"部署", "布署"},
    {"振兴", "振新"},
    {"致富", "至富"},
    {"带领", "代领"},
    {"坚守", "坚手"},
    {"党员", "党圆"},
    {"集体", "集休"},
    {"服务", "服各"},
  };

  private TitleWriter() {}

  static String title(Series series, ContentType type, Office office, SeededRandom random) {
    String title =
        switch (series) {
          case I_AM_A_MEMBER ->
              "我是党员｜{person}：" + random.pick(MEMBER_STORIES) + (video(type) ? "（视频）" : "");
          case FIRST_SECRETARY ->
              random.pick(
                  List.of(
                      "第一书记｜{person}：{village}的“领头雁”",
                      "第一书记{person}：把{produce}种成致富果",
                      "驻村第一书记{person}的{n}本民情日记",
                      "第一书记｜{town}{village}来了个“泥腿子书记”",
                      "第一书记｜{person}：带领{village}群众走上致富路"));
          case INTEGRITY_MODELS ->
              random.chance(0.5)
                  ? "勤廉榜样｜{person}：" + random.pick(VIRTUES)
                  : "【微视频】勤廉榜样·{person}：" + random.pick(VIRTUES);
          case POVERTY_RELIEF_STORIES ->
              "我的扶贫故事（第" + (1 + random.nextInt(10)) + "集）｜" + random.pick(POVERTY_RELIEF_EPISODES);
          case VILLAGE_COLLECTIVE_ECONOMY ->
              random.chance(0.6)
                  ? "村级集体经济｜{town}{village}：" + random.pick(COLLECTIVE_INDUSTRIES) + "让村集体年增收{n}万元"
                  : "{town}{village}：“党支部+合作社”壮大村级集体经济";
          case DANGQI_RUHUA_TV -> "《党旗如画》｜" + random.pick(TV_TOPICS);
          case DANGQI_RUHUA_RADIO -> "《党旗如画》广播｜" + random.pick(RADIO_TOPICS);
          case SHOUCHENG_WEBSITE ->
              (type == ContentType.GALLERY ? "寿城党旗红｜图说" : "寿城党旗红｜")
                  + "{town}"
                  + random.pick(WEBSITE_EVENTS);
          case OUTSTANDING_MEMBERS -> "优秀共产党员｜{person}：" + random.pick(MEMBER_STORIES);
          case REMOTE_COURSES -> "【" + random.pick(COURSE_KINDS) + "】" + random.pick(COURSES);
          case NEWS ->
              SHORT_NAMES.get(office)
                  + "："
                  + random.pick(NEWS_ITEMS)
                  + (type == ContentType.GALLERY ? "（组图）" : "");
        };
    return fill(title, office, random);
  }

  /** The first, wrong version of {@code corrected}: one typo, or an ASCII colon. */
  static String withTypo(String corrected) {
    for (String[] typo : TYPOS) {
      int at = corrected.indexOf(typo[0]);
      if (at >= 0) {
        return corrected.substring(0, at) + typo[1] + corrected.substring(at + typo[0].length());
      }
    }
    if (corrected.contains("：")) {
      return corrected.replaceFirst("：", ":");
    }
    if (corrected.contains("｜")) {
      return corrected.replaceFirst("｜", "|");
    }
    if (corrected.startsWith("【")) {
      return corrected.replaceFirst("【", "[").replaceFirst("】", "]");
    }
    // Cut off by the CMS's title field: the editor restores the last character.
    return corrected.substring(0, corrected.length() - 1);
  }

  private static boolean video(ContentType type) {
    return type == ContentType.VIDEO;
  }

  private static String fill(String template, Office office, SeededRandom random) {
    String town = town(office, random);
    return template
        .replace("{person}", person(random))
        .replace("{town}", town)
        .replace("{village}", random.pick(VILLAGES))
        .replace("{landmark}", random.pick(LANDMARKS))
        .replace("{produce}", random.pick(PRODUCE.get(office)))
        .replace("{office}", SHORT_NAMES.get(office))
        .replace("{n}", String.valueOf(3 + random.nextInt(28)));
  }
}
