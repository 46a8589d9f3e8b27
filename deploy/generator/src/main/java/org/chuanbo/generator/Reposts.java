package org.chuanbo.generator;

import java.util.ArrayList;
import java.util.List;
import org.chuanbo.schemas.records.Channel;

/**
 * Republication by outside outlets (转载): the seed document names 新华网, 网易, 今日头条 and 中组部 《共产党员》电视栏目;
 * regional ones do the same. Outlets pick up popular pieces, hours after they go out, from the
 * WeChat account or the website (the TV programme from TV).
 */
final class Reposts {

  /** An outlet: its name (the event's {@code outlet}) and its account (the {@code user_id}). */
  record Outlet(String name, String account, double weight) {}

  static final List<Outlet> OUTLETS =
      List.of(
          new Outlet("新华网", "outlet_xinhuanet", 1.0),
          new Outlet("网易", "outlet_163", 1.2),
          new Outlet("今日头条", "outlet_toutiao", 2.0),
          new Outlet("中组部《共产党员》电视栏目", "outlet_gcdy_tv", 0.6),
          new Outlet("人民网", "outlet_people", 0.6),
          new Outlet("广西新闻网", "outlet_gxnews", 1.2),
          new Outlet("八桂先锋", "outlet_bgxf", 2.0),
          new Outlet("贺州日报", "outlet_hzrb", 1.5),
          new Outlet("学习强国", "outlet_xuexi", 0.8));

  /** One planned repost. */
  record Repost(long atMillis, Outlet outlet, Channel channel) {}

  private Reposts() {}

  /** The reposts of one piece: more for popular pieces, each outlet at most once. */
  static List<Repost> plan(PlannedArticle article, SeededRandom random) {
    int count =
        Math.min(OUTLETS.size(), random.poisson(0.1 * StrictMath.pow(article.popularity(), 0.7)));
    List<Outlet> remaining = new ArrayList<>(OUTLETS);
    List<Repost> reposts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] weights = remaining.stream().mapToDouble(Outlet::weight).toArray();
      Outlet outlet = remaining.remove(random.weighted(weights));
      long at =
          article.publishedAtMillis()
              + random.logNormal(5 * 3_600_000.0, 1.0, 600_000, 5 * 86_400_000L);
      reposts.add(new Repost(at, outlet, channel(article, outlet, random)));
    }
    return reposts;
  }

  private static Channel channel(PlannedArticle article, Outlet outlet, SeededRandom random) {
    if (outlet.name().contains("电视") && article.channels().containsKey(Channel.TV)) {
      return Channel.TV;
    }
    boolean web = article.channels().containsKey(Channel.WEBSITE);
    boolean wechat = article.channels().containsKey(Channel.WECHAT);
    if (wechat && (!web || random.chance(0.75))) {
      return Channel.WECHAT;
    }
    if (web) {
      return Channel.WEBSITE;
    }
    return article.channels().keySet().iterator().next();
  }
}
